import { describe, expect, it } from 'vitest'
import type { CampaignProgressView, CampaignResponse, SchemeView, SubmissionItemView } from '@/api/types'
import { toRequest, unmappedClasses, type WizardForm } from './use-campaign-wizard'
import {
  deadlineErrors, editFormOf, editRequestOf, emptyPeriod, periodKeyOf, periodLabelOf, stepErrors, type StepInput,
} from './campaign-logic'
import { progressChart, progressPages } from './use-campaign-detail'
import { draftOf, groupItems } from '@/views/submission/use-submission-page'
import { previewKind } from '@/views/reviews/use-review-item'

const form = (over: Partial<WizardForm> = {}): WizardForm => ({
  name: ' 2022年一季度 ', schemeId: 'jiaxian-towns-2022', period: emptyPeriod(), periodKey: '2022Q1', mode: 'list', unitIds: [3, 4], subtreeUnitId: 9, unitClasses: ['乡镇'],
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

// Messages as key and parameters, so a test reads which message and which fields it names.
const t = (key: string, params?: Record<string, unknown>) => (params ? `${key}${JSON.stringify(params)}` : key)

describe('period picker', () => {
  it('builds the server key from what was picked, for each kind of period', () => {
    expect(periodKeyOf('Year', { ...emptyPeriod(), year: '2026' })).toBe('2026')
    expect(periodKeyOf('Quarter', { ...emptyPeriod(), year: '2026', quarter: 2 })).toBe('2026Q2')
    expect(periodKeyOf('Month', { ...emptyPeriod(), month: '2026-03' })).toBe('2026-03')
    expect(periodKeyOf('Range', { ...emptyPeriod(), range: ['2025-07-01', '2026-06-30'] })).toBe('2025-07-01..2026-06-30')
  })
  it('gives no key while the pick is incomplete or no scheme is chosen', () => {
    expect(periodKeyOf('Quarter', { ...emptyPeriod(), year: '2026' })).toBe('')
    expect(periodKeyOf('Quarter', { ...emptyPeriod(), quarter: 3 })).toBe('')
    expect(periodKeyOf(undefined, { ...emptyPeriod(), year: '2026' })).toBe('')
  })
  it('labels the quarter in words for the confirm page', () => {
    expect(periodLabelOf('Quarter', { ...emptyPeriod(), year: '2026', quarter: 4 }, t)).toBe('wizard.period.quarterLabel{"year":"2026","quarter":"四"}')
    expect(periodLabelOf('Month', { ...emptyPeriod(), month: '2026-03' }, t)).toBe('wizard.period.monthLabel{"year":"2026","month":3}')
  })
})

describe('wizard steps', () => {
  const input = (over: Partial<StepInput> = {}): StepInput => ({
    name: '2026年第二季度', schemeId: 'jiaxian-towns-2022', periodKey: '2026Q2', unitCount: 2, unmapped: [],
    liaisonDue: '', evidenceDue: '2026-07-10T17:00', selfDue: '', reviewDue: '', ...over,
  })
  it('lets a complete step pass', () => {
    for (const step of [0, 1, 2, 3]) expect(stepErrors(step, input(), t)).toEqual({})
  })
  it('names the missing name, scheme and period as the screen calls them', () => {
    expect(stepErrors(0, input({ name: ' ', periodKey: '' }), t)).toEqual({
      name: 'common.required{"field":"campaign.name"}', periodKey: 'wizard.choose{"field":"campaign.period"}',
    })
    expect(stepErrors(0, input({ schemeId: '', periodKey: '' }), t)).toEqual({ schemeId: 'wizard.choose{"field":"campaign.scheme"}' })
  })
  it('asks for units and for the classes still unmapped', () => {
    expect(Object.keys(stepErrors(1, input({ unitCount: 0, unmapped: ['镇'] }), t))).toEqual(['unitIds', 'classMap'])
  })
  it('refuses deadlines out of order on the later field', () => {
    const errors = stepErrors(2, input({ liaisonDue: '2026-07-11T17:00', selfDue: '2026-07-09T17:00', reviewDue: '2026-07-08T17:00' }), t)
    expect(errors).toEqual({
      'schedule.liaisonDue': 'wizard.notAfter{"field":"campaign.liaisonDue","other":"campaign.evidenceDue"}',
      'schedule.selfAssessmentDue': 'wizard.notBefore{"field":"campaign.selfDue","other":"campaign.evidenceDue"}',
      'schedule.reviewDue': 'wizard.notBefore{"field":"campaign.reviewDue","other":"campaign.selfDue"}',
    })
    expect(stepErrors(2, input({ evidenceDue: '' }), t)).toEqual({ 'schedule.evidenceDue': 'common.required{"field":"campaign.evidenceDue"}' })
  })
  it('refuses a deadline moved into the past, but not one left where it was', () => {
    const before = { liaisonDue: '2026-01-05T17:00', evidenceDue: '2026-07-10T17:00', selfDue: '', reviewDue: '' }
    const now = '2026-03-01T09:00'
    expect(deadlineErrors(before, t, { before, now })).toEqual({})
    expect(deadlineErrors({ ...before, evidenceDue: '2026-02-01T17:00', liaisonDue: '' }, t, { before, now }))
      .toEqual({ 'schedule.evidenceDue': 'wizard.notPast{"field":"campaign.evidenceDue"}' })
  })
})

describe('campaign edit', () => {
  const campaign = {
    id: 7, name: '二季度', revision: 3, state: 'Open',
    units: [{ unitId: 1, name: '石门镇' }, { unitId: 2, name: '柳溪乡' }], reviewers: [{ userId: 'r1', displayName: '陈静' }],
    schedule: { liaisonDue: null, evidenceDue: '2026-07-10T17:00:00+08:00', selfAssessmentDue: null, reviewDue: null, appealWindowDays: 10 },
  } as unknown as CampaignResponse
  it('starts from the campaign, deadlines in Beijing wall-clock time', () => {
    expect(editFormOf(campaign)).toMatchObject({ name: '二季度', unitIds: ['1', '2'], reviewerIds: ['r1'], evidenceDue: '2026-07-10T17:00', liaisonDue: '', appealDays: 10 })
  })
  it('sends only what changed, with the revision it was based on', () => {
    expect(editRequestOf(campaign, editFormOf(campaign))).toBeNull()
    const units = editRequestOf(campaign, { ...editFormOf(campaign), unitIds: ['2', '1', '5'], reason: ' 新设乡镇 ' })
    expect(units).toEqual({ revision: 3, name: null, schedule: null, unitIds: [2, 1, 5], classMap: null, reviewerIds: null, reason: '新设乡镇' })
    const moved = editRequestOf(campaign, { ...editFormOf(campaign), evidenceDue: '2026-07-20T17:00' })
    expect(moved?.schedule).toEqual({ liaisonDue: null, evidenceDue: '2026-07-20T17:00', selfAssessmentDue: null, reviewDue: null, appealWindowDays: 10 })
    expect(moved?.unitIds).toBeNull()
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

describe('progress pages', () => {
  const p = { unitCount: 250, submitted: 100, late: 0, returned: 3, missing: 101, pending: 46 } as unknown as CampaignProgressView

  it('counts the pages of every unit, and of the status shown', () => {
    expect(progressPages(p, '')).toBe(3)
    expect(progressPages(p, 'submitted')).toBe(1)
    expect(progressPages(p, 'missing')).toBe(2)
  })

  it('shows one page when no unit stands in the status', () => {
    expect(progressPages(p, 'late')).toBe(1)
  })
})
