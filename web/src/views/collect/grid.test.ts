import { describe, expect, it } from 'vitest'
import { cellText, parseCell } from './grid'

describe('provider grid cells', () => {
  it('reads 是/否 as booleans and shows them back', () => {
    expect(parseCell('Bool', ' 是 ')).toEqual({ ok: true, value: true })
    expect(parseCell('Bool', '否')).toEqual({ ok: true, value: false })
    expect(parseCell('Bool', '对')).toEqual({ ok: false, reason: '「对」不是“是”或“否”。' })
    expect(cellText('Bool', true)).toBe('是')
    expect(cellText('Bool', false)).toBe('否')
  })

  it('takes decimal text for numbers and refuses words', () => {
    expect(parseCell('Count', '7')).toEqual({ ok: true, value: 7 })
    expect(parseCell('Percent', '0.85')).toEqual({ ok: true, value: 0.85 })
    expect(parseCell('Number', '四篇')).toEqual({ ok: false, reason: '「四篇」不是数值。' })
    expect(parseCell('Number', '1e3')).toMatchObject({ ok: false })
    expect(cellText('Count', 7)).toBe('7')
  })

  it('clears a value with an empty cell', () => {
    expect(parseCell('Count', '  ')).toEqual({ ok: true, value: null })
    expect(cellText('Text', null)).toBe('')
  })

  it('keeps text as typed, markup included, and ledgers as JSON', () => {
    const xss = '<img src=x onerror="window.__xss=1">'
    expect(parseCell('Text', xss)).toEqual({ ok: true, value: xss })
    expect(cellText('Text', xss)).toBe(xss)
    expect(parseCell('Ledger', '[{"a":1}]')).toEqual({ ok: true, value: [{ a: 1 }] })
    expect(parseCell('Ledger', '[{')).toMatchObject({ ok: false })
    expect(cellText('Ledger', [{ a: 1 }])).toBe('[{"a":1}]')
  })
})
