import { describe, expect, it } from 'vitest'
import { factText, ledgerCells, mayEnter, parseFactText, parseLedger, supplierText, type FactType } from './facts'
import { parseCell } from '@/views/collect/grid'
import { i18n } from '@/i18n'
import { beijing, beijingInput, isPast, lateness } from './time'

describe('parseFactText', () => {
  it('reads 是/否 and clears on empty text', () => {
    expect(parseFactText('Bool', '是')).toEqual({ ok: true, value: true })
    expect(parseFactText('Bool', ' 否 ')).toEqual({ ok: true, value: false })
    expect(parseFactText('Bool', '')).toEqual({ ok: true, value: null })
    expect(parseFactText('Bool', '也许', '是否成立')).toEqual({ ok: false, error: '「是否成立」请填写“是”或“否”。' })
  })
  it('takes counts as whole numbers only', () => {
    expect(parseFactText('Count', '7')).toEqual({ ok: true, value: 7 })
    expect(parseFactText('Count', '-1', '会议次数').ok).toBe(false)
    expect(parseFactText('Count', '1.5').ok).toBe(false)
  })
  it('keeps decimals as typed and reads a percent sign', () => {
    expect(parseFactText('Number', '0.1')).toEqual({ ok: true, value: 0.1 })
    expect(parseFactText('Percent', '92.5%')).toEqual({ ok: true, value: 92.5 })
    expect(parseFactText('Percent', '101', '办理率')).toEqual({ ok: false, error: '「办理率」应为 0 到 100 之间的百分数。' })
    expect(parseFactText('Number', '1,5').ok).toBe(false)
  })
  it('normalises Chinese dates and refuses impossible ones', () => {
    expect(parseFactText('Date', '2023年1月5日')).toEqual({ ok: true, value: '2023-01-05' })
    expect(parseFactText('Date', '2023-02-30').ok).toBe(false)
  })
  it('keeps text as text, markup included', () => {
    expect(parseFactText('Text', ' <img src=x> ')).toEqual({ ok: true, value: '<img src=x>' })
  })
})

describe('factText', () => {
  it('shows stored values the way inputs read them', () => {
    expect(factText('Bool', true)).toBe('是')
    expect(factText('Count', 3)).toBe('3')
    expect(factText('Judgement', { points: 2, reason: '推广' })).toBe('2 分：推广')
    expect(factText('Ledger', [{}, {}])).toBe('2 条记录')
    expect(factText('Text', null)).toBe('')
  })
})

describe('ledger', () => {
  const columns = [
    { key: 'name', label: '事项', type: 'Text' as const },
    { key: 'done', label: '是否完成', type: 'Bool' as const },
  ]
  it('skips blank rows and names the bad cell', () => {
    expect(parseLedger(columns, [{ name: '台账一', done: '是' }, { name: '', done: '' }])).toEqual({ ok: true, value: [{ name: '台账一', done: true }] })
    expect(parseLedger(columns, [{ name: 'x', done: '?' }])).toEqual({ ok: false, error: '「第 1 行 是否完成」请填写“是”或“否”。' })
  })
  it('turns records back into cells', () => {
    expect(ledgerCells(columns, [{ name: 'a', done: false }])).toEqual([{ name: 'a', done: '否' }])
  })
})

describe('time', () => {
  it('shows instants in Beijing time whatever the offset given', () => {
    expect(beijing('2023-01-15T09:00:00Z')).toBe('2023-01-15 17:00')
    expect(beijing('2023-01-15T17:00:00+08:00')).toBe('2023-01-15 17:00')
    expect(beijingInput('2023-12-31T16:30:00Z')).toBe('2024-01-01T00:30')
    expect(beijing(null)).toBe('')
  })
  it('says how late in words', () => {
    expect(lateness(3600)).toBe('1 小时')
    expect(lateness(90000)).toBe('1 天 1 小时')
    expect(lateness(0)).toBe('')
  })
  it('knows a passed deadline', () => {
    expect(isPast('2020-01-01T00:00:00Z', Date.parse('2021-01-01T00:00:00Z'))).toBe(true)
    expect(isPast(null)).toBe(false)
  })
})

describe('supplierText', () => {
  it('names who supplies a fact in Chinese', () => {
    expect(supplierText('provider:县信用办')).toBe('由县信用办提供')
    expect(supplierText('feed:失信被执行人名单')).toBe('来自失信被执行人名单')
    expect(supplierText('unit')).toBe('本单位填报')
    expect(supplierText('reviewer')).toBe('评审员认定')
  })
})

describe('mayEnter', () => {
  it('lets a liaison enter only the unit’s own facts', () => {
    expect(mayEnter('unit', 'liaison')).toBe(true)
    expect(mayEnter('provider:县信用办', 'liaison')).toBe(false)
    expect(mayEnter('reviewer', 'liaison')).toBe(false)
  })

  it('lets the office enter others’ facts but nobody the system’s', () => {
    expect(mayEnter('provider:县信用办', 'office-admin')).toBe(true)
    expect(mayEnter('system:reports', 'office-admin')).toBe(false)
    expect(mayEnter('system:reports', 'liaison')).toBe(false)
  })
})

// Full-width forms as a Chinese input method types them: U+FF11 U+FF12 is "12", U+FF0D a minus, U+FF05 a percent sign.
const fullWidth = (ascii: string) => ascii.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))

describe('one fact parser for the form and the provider grid', () => {
  it('parseFactText_FullWidthDigits_ReadsTheNumber', () => {
    expect(fullWidth('12')).toBe('\uFF11\uFF12')
    expect(parseFactText('Count', fullWidth('12'))).toEqual({ ok: true, value: 12 })
    expect(parseFactText('Number', fullWidth('3.5'))).toEqual({ ok: true, value: 3.5 })
    expect(parseFactText('Percent', fullWidth('92.5%'))).toEqual({ ok: true, value: 92.5 })
    expect(parseFactText('Date', fullWidth('2023-01-05'))).toEqual({ ok: true, value: '2023-01-05' })
  })
  it('parseFactText_FullWidthNegativeCount_Refuses', () => {
    expect(parseFactText('Count', fullWidth('-5')).ok).toBe(false)
  })
  it('parseFactText_TextFact_KeepsFullWidthAsTyped', () => {
    expect(parseFactText('Text', fullWidth('A1'))).toEqual({ ok: true, value: fullWidth('A1') })
  })
  it('parseCell_NegativeCount_RefusedAsTheFormRefusesIt', () => {
    expect(parseFactText('Count', '-5').ok).toBe(false)
    expect(parseCell('Count', '-5')).toEqual({ ok: false, reason: '「-5」不是不小于 0 的整数。' })
    expect(parseCell('Count', '1.5').ok).toBe(false)
    expect(parseCell('Percent', '150').ok).toBe(false)
  })
  it('parseCell_FullWidthDigits_ReadsTheNumber', () => {
    expect(parseCell('Count', fullWidth('12'))).toEqual({ ok: true, value: 12 })
  })
  it('parseCell_ScalarCells_AgreeWithTheFormOnEveryValidValue', () => {
    const cases: Array<[FactType, string]> = [['Count', '7'], ['Number', '-0.25'], ['Percent', '100'], ['Bool', 'yes'], ['Bool', '0'], ['Date', '2024-02-29'], ['Text', 'x']]
    for (const [type, text] of cases) expect(parseCell(type, text)).toEqual(parseFactText(type, text))
  })
})

describe('lateness', () => {
  it('lateness_UnderAMinute_SaysTheSeconds', () => {
    expect(lateness(40)).toBe(i18n.global.t('duration.seconds', { n: 40 }))
  })
  it('lateness_RoundsDownToTheTwoLargestUnits', () => {
    const t = i18n.global.t
    expect(lateness(90)).toBe(t('duration.minutes', { n: 1 }))
    expect(lateness(86400 + 3600 * 2 + 59)).toBe(`${t('duration.days', { n: 1 })} ${t('duration.hours', { n: 2 })}`)
    expect(lateness(3600 * 3 + 5 * 60 + 59)).toBe(`${t('duration.hours', { n: 3 })} ${t('duration.minutes', { n: 5 })}`)
  })
  it('lateness_NotLateOrFraction_SaysNothingOrWholeSeconds', () => {
    expect(lateness(-5)).toBe('')
    expect(lateness('0.4')).toBe('')
    expect(lateness('61.9')).toBe(i18n.global.t('duration.minutes', { n: 1 }))
  })
})
