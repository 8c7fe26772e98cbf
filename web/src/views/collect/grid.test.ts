import { describe, expect, it } from 'vitest'
import { cellText, checkCells, missingCells, parseCell, type GridCell } from './grid'

const label = '按时向县信用办报送的工作总结、工作简报、宣传稿件篇数'
const cell = (unitName: string, text: string, type: GridCell['type'] = 'Count'): GridCell =>
  ({ unitId: unitName === '石门镇' ? 1 : 2, unitName, factKey: 'reports_on_time', label, type, text })

describe('provider grid cells', () => {
  it('reads 是/否 as booleans and shows them back', () => {
    expect(parseCell('Bool', ' 是 ')).toEqual({ ok: true, value: true })
    expect(parseCell('Bool', '否')).toEqual({ ok: true, value: false })
    expect(parseCell('Bool', '对')).toEqual({ ok: false, reason: '「对」不是“是”或“否”。' })
    expect(cellText('Bool', true)).toBe('是')
    expect(cellText('Bool', false)).toBe('否')
  })

  it('takes decimal text for numbers and refuses words, saying what the column takes', () => {
    expect(parseCell('Count', '7')).toEqual({ ok: true, value: 7 })
    expect(parseCell('Percent', '0.85')).toEqual({ ok: true, value: 0.85 })
    expect(parseCell('Number', '四篇')).toEqual({ ok: false, reason: '「四篇」不是数值，应填数值。' })
    expect(parseCell('Count', '七篇')).toEqual({ ok: false, reason: '「七篇」不是数值，应填不小于 0 的整数。' })
    expect(parseCell('Number', '1e3')).toMatchObject({ ok: false })
    expect(cellText('Count', 7)).toBe('7')
  })

  it('reads full-width digits as a Chinese input method types them', () => {
    expect(parseCell('Count', '１２')).toEqual({ ok: true, value: 12 })
    expect(parseCell('Percent', '８５．５％')).toEqual({ ok: true, value: 85.5 })
    expect(parseCell('Count', '１２篇')).toEqual({ ok: false, reason: '「12篇」不是数值，应填不小于 0 的整数。' })
  })

  it('refuses values outside the type range: negative or fractional counts, percents over 100', () => {
    expect(parseCell('Count', '-1')).toEqual({ ok: false, reason: '「-1」不是不小于 0 的整数。' })
    expect(parseCell('Count', '2.5')).toEqual({ ok: false, reason: '「2.5」不是不小于 0 的整数。' })
    expect(parseCell('Percent', '120')).toEqual({ ok: false, reason: '「120」超出范围，应填 0 到 100 之间的数值。' })
    expect(parseCell('Date', '2026-02-30')).toEqual({ ok: false, reason: '「2026-02-30」不是日期，应填日期，如 2026-03-31。' })
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

describe('checking the grid before saving', () => {
  it('sends the good cells and names the bad one by unit and field, never by key', () => {
    const checked = checkCells([cell('石门镇', '７'), cell('柳河镇', '七篇')])
    expect(checked.values).toEqual([{ unitId: 1, factKey: 'reports_on_time', value: 7 }])
    expect(checked.problems).toEqual([{
      key: '2|reports_on_time',
      reason: '「七篇」不是数值，应填不小于 0 的整数。',
      message: `「柳河镇」的「${label}」：「七篇」不是数值，应填不小于 0 的整数。`,
    }])
    expect(checked.problems[0].message).not.toContain('reports_on_time')
  })

  it('requires every applicable cell before submitting; 0 and 否 are answers', () => {
    const missing = missingCells([cell('石门镇', '0'), cell('柳河镇', ' '), { ...cell('石门镇', '否', 'Bool'), factKey: 'arrears', label: '拖欠' }])
    expect(missing).toEqual([{ key: '2|reports_on_time', reason: '尚未填写。', message: `「柳河镇」的「${label}」：尚未填写。` }])
  })
})
