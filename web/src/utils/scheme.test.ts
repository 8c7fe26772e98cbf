import { describe, expect, it } from 'vitest'
import type { SchemeView } from '@/api/types'
import { categoryMaxima, countItems, schemeRows } from './scheme'

const item = (id: string, no: string, max: number, labels: string[]) => ({
  id, no, title: `指标${no}`, max, note: null, classes: [], isBonus: false, validFor: null,
  method: '查阅资料', source: '市司法局',
  wording: { content: null, scoring: '未达标不得分', materials: '文件', remark: null },
  evidence: [{ label: '会议纪要', form: 'Document' as const }],
  rule: labels.map((label) => ({ kind: 'deduct', label, facts: [], text: `${label}（按规则计分）` })),
  facts: [],
  appliesTo: id === 'z' ? '全部单位类别中的责任单位：县财政局' : '全部单位类别',
  units: id === 'z' ? ['县财政局'] : [],
})

const scheme = {
  summary: { id: 's', version: 1, title: '方案', issuer: null, document: null, date: null, period: 'Year', total: 100, classes: [], itemCount: 3 },
  note: null, grades: [], vetoes: [], resolutions: [],
  categories: [
    { id: 'a', no: '一', title: '政务公开', max: 40, note: null, categories: [
      { id: 'a1', no: '（一）', title: '信息公开', max: 20, note: null, categories: [], items: [item('x', '1', 20, ['每缺 1 项扣 2 分'])], capped: false, caps: [] },
    ], items: [item('y', '2', 20, [])], capped: false, caps: [] },
    { id: 'b', no: '二', title: '守信践诺', max: '60', note: null, categories: [], items: [item('z', '3', 60, ['扣 1 分', '最多扣 5 分'])],
      capped: true, caps: ['本类得分以 60 分封顶（超出部分不计）'] },
  ],
} as unknown as SchemeView

describe('schemeRows', () => {
  it('keeps the seed order with sub-categories before the items', () => {
    const rows = schemeRows(scheme)
    expect(rows.map((r) => r.no)).toEqual(['一', '二'])
    expect(rows[0].children!.map((r) => r.no)).toEqual(['（一）', '2'])
    expect(countItems(rows)).toBe(3)
  })

  it('writes the rule as the seed words it, or from its parts when the seed has no sentence', () => {
    const rows = schemeRows(scheme)
    expect(rows[1].children![0].rule).toBe('未达标不得分')
    const bare = { ...scheme, categories: [{ ...scheme.categories[1], items: [{ ...scheme.categories[1].items[0], wording: { content: null, scoring: null, materials: null, remark: null } }] }] }
    expect(schemeRows(bare as SchemeView)[0].children![0].rule).toBe('扣 1 分；最多扣 5 分')
    expect(rows[0].children![1].materials).toBe('会议纪要')
  })
})

describe('schemeRows in words', () => {
  it('says who an item applies to and how each part scores, and a category its caps', () => {
    const rows = schemeRows(scheme)
    const z = rows[1].children![0]
    expect(z.appliesTo).toBe('全部单位类别中的责任单位：县财政局')
    expect(z.parts).toEqual(['扣 1 分（按规则计分）', '最多扣 5 分（按规则计分）'])
    expect(rows[1].parts).toEqual(['本类得分以 60 分封顶（超出部分不计）'])
    expect(rows[0].parts).toEqual([])
    expect(rows[1].appliesTo).toBe('')
    // An item for every unit says nothing: only a limit is worth a line.
    expect(rows[0].children![1].appliesTo).toBe('')
  })
})

describe('categoryMaxima', () => {
  it('reads numbers given as strings', () => {
    expect(categoryMaxima(scheme)).toEqual([{ name: '一 政务公开', max: 40 }, { name: '二 守信践诺', max: 60 }])
  })
})
