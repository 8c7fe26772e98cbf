import { describe, expect, it } from 'vitest'
import type { CampaignProgressView, SchemeView, SubmissionItemView } from '@/api/types'
import { toRequest, unmappedClasses, type WizardForm } from './use-campaign-wizard'
import { progressChart } from './use-campaign-detail'
import { draftOf, groupItems } from '@/views/submission/use-submission-page'
import { previewKind } from '@/views/reviews/use-review-item'

const form = (over: Partial<WizardForm> = {}): WizardForm => ({
  name: ' 2022年一季度 ', schemeId: 'jiaxian-towns-2022', periodKey: '2022Q1', mode: 'list', unitIds: [3, 4], subtreeUnitId: 9, unitClasses: ['乡镇'],
  classMap: { 乡镇: 'town', 街道: '' }, liaisonDue: '', evidenceDue: '2022-04-10T17:00', selfDue: '', reviewDue: '', appealDays: 10,
  reviewerIds: ['r1'], spotCheckPercent: 20, selfRequired: true, openNow: true, ...over,
})

describe('campaign wizard', () => {
  it('sends either the unit list or the subtree, never both, and only the classes mapped', () => {
    const list = toRequest(form(), ['乡镇', '街道'])
    expect(list.unitIds).toEqual([3, 4])
    expect(list.subtreeUnitId).toBeNull()
    expect(list.classMap).toEqual({ 乡镇: 'town' })
    expect(list.name).toBe('2022年一季度')
    expect(list.schedule?.evidenceDue).toBe('2022-04-10T17:00')
    expect(list.schedule?.liaisonDue).toBeNull()
    const subtree = toRequest(form({ mode: 'subtree' }), [])
    expect(subtree.unitIds).toBeNull()
    expect(subtree.subtreeUnitId).toBe(9)
    expect(subtree.unitClasses).toEqual(['乡镇'])
    expect(subtree.classMap).toBeNull()
  })
  it('turns the percent into an exact fraction', () => {
    expect(toRequest(form({ spotCheckPercent: 15 }), []).spotCheckShare).toBe(0.15)
  })
  it('asks for a mapping only for classes the scheme names neither by id nor by name', () => {
    const scheme = { classes: [{ id: 'town', name: '乡镇' }, { id: 'street', name: '街道' }] }
    expect(unmappedClasses(['乡镇', '镇', 'town', '镇'], scheme)).toEqual(['镇'])
    expect(unmappedClasses(['镇'], { classes: [] })).toEqual([])
  })
})

describe('progress chart', () => {
  it('puts each status count in a bar, in board order', () => {
    const p = { submitted: 3, late: 1, returned: 2, missing: 4, pending: 0 } as unknown as CampaignProgressView
    const option = progressChart(p, (k) => k)
    const series = (option.series as Array<{ data: Array<{ value: number }> }>)[0]
    expect(series.data.map((d) => d.value)).toEqual([3, 1, 2, 4, 0])
  })
})

describe('submission form', () => {
  const scheme = {
    categories: [
      { id: 'A', no: '一', title: '组织保障', max: 10, note: null, categories: [], items: [{ id: '1.1', no: '1', title: '机构' }, { id: '1.2', no: '2', title: '制度' }] },
      { id: 'B', no: null, title: '空类', max: 5, note: null, categories: [], items: [{ id: '9.9', no: null, title: '不适用' }] },
    ],
  } as unknown as SchemeView
  it('groups the applicable items under their category, dropping empty categories', () => {
    expect(groupItems(scheme, new Set(['1.2']))).toEqual([{ key: 'A', title: '一 组织保障', items: [{ id: '1.2', no: '2', title: '制度' }] }])
  })
  it('starts the inputs from the stored values', () => {
    const item = {
      itemId: '1.1', explanation: '无打印机', facts: [
        { key: 'ok', label: '成立', type: 'Bool', value: true },
        { key: 'n', label: '次数', type: 'Count', value: null },
      ],
    } as unknown as SubmissionItemView
    expect(draftOf(item, undefined)).toEqual({ texts: { ok: '是', n: '' }, ledgers: {}, explanation: '无打印机' })
  })
})

describe('evidence preview', () => {
  it('shows images and PDFs, downloads the rest', () => {
    expect(previewKind('image/png')).toBe('image')
    expect(previewKind('application/pdf')).toBe('pdf')
    expect(previewKind('text/plain; charset=utf-8')).toBe('none')
    expect(previewKind('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('none')
  })
})
