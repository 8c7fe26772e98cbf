import { describe, expect, it } from 'vitest'
import { parsePrintCommand, printCommand, printableKinds } from './print'

const caseOf = (state: string, kinds: string[]) => ({ order: { state }, steps: kinds.map((kind) => ({ kind })) })

describe('printableKinds', () => {
  it('offers only the order while the case is issued', () => {
    expect(printableKinds(caseOf('Issued', ['Issued']))).toEqual(['order'])
  })
  it('adds the interview record once there is an interview', () => {
    expect(printableKinds(caseOf('Interviewed', ['Issued', 'Replied', 'Failed', 'Interviewed']))).toEqual(['order', 'interview'])
  })
  it('adds the referral once the case is referred', () => {
    expect(printableKinds(caseOf('Referred', ['Issued', 'Failed', 'Interviewed', 'Referred']))).toEqual(['order', 'interview', 'referral'])
  })
})

describe('parsePrintCommand', () => {
  it('reads back what printCommand wrote', () => {
    expect(parsePrintCommand(printCommand('referral', 'pdf'))).toEqual({ kind: 'referral', format: 'pdf' })
  })
  it('refuses an unknown kind or format', () => {
    expect(parsePrintCommand('letter:pdf')).toBeNull()
    expect(parsePrintCommand('order:xlsx')).toBeNull()
  })
})
