import { describe, expect, it } from 'vitest'
import { parseFactText } from '@/utils/facts'
import { sizeText } from './input'

describe('sizeText', () => {
  it('shows a file size in the unit people read', () => {
    expect(sizeText(49, 'file')).toBe('49 B')
    expect(sizeText(2048, 'file')).toBe('2.0 KB')
    expect(sizeText(3 * 1024 * 1024, 'screenshot')).toBe('3.0 MB')
  })
  it('shows no size for a link or ledger rows', () => {
    expect(sizeText(49, 'link')).toBe('—')
    expect(sizeText(120, 'ledger')).toBe('—')
  })
})

describe('the item form reads numbers as a Chinese keyboard types them', () => {
  it('takes full-width digits in a count field', () => {
    expect(parseFactText('Count', '１２')).toEqual({ ok: true, value: 12 })
  })
})
