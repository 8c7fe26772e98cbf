import { describe, expect, it } from 'vitest'
import { dayChart, formOf, progressChart } from './survey-logic'
import type { SurveyProgressView, SurveyView } from './api'

const view = {
  campaignId: 1, campaignName: 'c', exists: false, version: 0, title: 'T', intro: 'I',
  questions: [{ itemId: '6', itemTitle: 'a', text: 'q' }],
  levels: [
    { level: 'VerySatisfied', name: 'a', points: 100 }, { level: 'Satisfied', name: 'b', points: 80 }, { level: 'FairlySatisfied', name: 'c', points: 60 },
    { level: 'Dissatisfied', name: 'd', points: 30 }, { level: 'VeryDissatisfied', name: 'e', points: 0 },
  ],
  definition: 'SatisfiedShare', definitionName: 'x', definitions: [], minimumSample: 30, allowsComment: true,
  opensAt: '2026-01-01T00:00:00Z', closesAt: '2026-02-01T00:00:00Z', closedEarlyAt: null, isOpen: false, stateName: 's', publicBaseAddress: null, units: [],
} as unknown as SurveyView

describe('survey form', () => {
  it('formOf_DraftSurvey_LeavesTheStartToTheServerAndKeepsThePoints', () => {
    const form = formOf(view)
    expect(form.opensAt).toBeNull()
    expect([form.verySatisfiedPoints, form.dissatisfiedPoints, form.expectedVersion]).toEqual([100, 30, 0])
    expect(form.questions).toEqual([{ itemId: '6', text: 'q' }])
  })

  it('progressChart_Units_BarsCountValidSheetsAndMarkTheMinimum', () => {
    const progress = {
      campaignId: 1, answers: 5, discarded: 1, minimumSample: 30, stateName: 's', days: [{ day: '2026-01-02', answers: 5 }],
      units: [{ unitId: 1, unitName: 'u', answers: 5, discarded: 1, items: [] }],
    } as unknown as SurveyProgressView
    const option = progressChart(progress, 'n') as { series: { data: number[]; markLine: { data: { yAxis: number }[] } }[] }
    expect(option.series[0].data).toEqual([4])
    expect(option.series[0].markLine.data[0].yAxis).toBe(30)
    expect((dayChart(progress, 'n') as { series: { data: number[] }[] }).series[0].data).toEqual([5])
  })
})
