import { describe, expect, it } from 'vitest'
import { categoryRadar, escapeHtml, gradePie, progressBar, rankingBar, schemeFamily, shorten, trendLine } from './charts'
import type { CampaignDashboardView, UnitTrendView } from '@/api/types'

const board: CampaignDashboardView = {
  campaignId: 1, name: '2025年第四季度', schemeId: 'jiaxian-towns-2022', schemeFamily: 'jiaxian-towns', periodLabel: '2025年第四季度',
  state: 'Published', published: true,
  grades: [{ grade: '优秀', count: 1 }, { grade: '良好', count: 0 }, { grade: '合格', count: 2 }, { grade: '未定等次', count: 1 }],
  ranking: [
    { unitId: 2, name: '乙街道', schemeClass: 'street', total: 86, grade: '良好', rank: 1, classRank: 1 },
    { unitId: 1, name: '甲镇', schemeClass: 'town', total: 62, grade: '合格', rank: 2, classRank: 1 },
  ],
  categories: [{ id: '1', title: '工作体系建设', max: 5, average: 4.5 }, { id: '2', title: '工作落实情况', max: 45, average: 38.5 }],
  unitCategories: [{ unitId: 1, name: '甲镇', scores: [4, 34] }, { unitId: 2, name: '乙街道', scores: [5, 43] }],
  progress: { units: 3, pending: 0, missing: 1, submitted: 1, late: 1, returned: 0 },
  ranksRefreshing: false,
}

describe('dashboard charts', () => {
  it('progressBar_usesTheProgressBoardsFiveStatuses_andItsBarsAddUpToTheUnits', () => {
    const option = progressBar(board, (key) => `status.${key}`)
    expect((option.xAxis as { data: string[] }).data).toEqual(['status.submitted', 'status.late', 'status.returned', 'status.missing', 'status.pending'])
    const values = (option.series as { data: { value: number }[] }[])[0].data.map((d) => d.value)
    expect(values).toEqual([1, 1, 0, 1, 0])
    expect(values.reduce((a, b) => a + b, 0)).toBe(Number(board.progress.units))
  })

  it('gradePie_leavesOutEmptyGrades_andGreysTheUngraded', () => {
    const series = (gradePie(board, '未定等次').series as { data: { name: string; value: number; itemStyle: { color: string } }[] }[])[0]
    expect(series.data.map((d) => [d.name, d.value])).toEqual([['优秀', 1], ['合格', 2], ['未定等次', 1]])
    expect(series.data[2].itemStyle.color).toBe('#c0c4cc')
  })

  it('rankingBar_putsTheFirstPlaceOnTop', () => {
    const option = rankingBar(board)
    expect((option.yAxis as { data: string[] }).data).toEqual(['甲镇', '乙街道'])
    expect((option.series as { data: number[] }[])[0].data).toEqual([62, 86])
  })

  it('categoryRadar_comparesTheUnitWithTheAverage_onEachCategorysScale', () => {
    const option = categoryRadar(board, 1, { average: '平均' })
    expect((option.radar as { indicator: { max: number }[] }).indicator.map((i) => i.max)).toEqual([5, 45])
    expect((option.series as { data: { name: string; value: number[] }[] }[])[0].data).toEqual([
      { name: '平均', value: [4.5, 38.5] }, { name: '甲镇', value: [4, 34] },
    ])
  })

  it('trendLine_escapesNamesInTheTooltip', () => {
    const trend: UnitTrendView = {
      unitId: 1, unitName: '甲镇', schemeFamily: 'jiaxian-towns',
      points: [{ campaignId: 1, campaignName: 'x', schemeId: 'jiaxian-towns-2022', periodKey: '2025Q3', periodLabel: '<b>2025</b>', total: 60, grade: '合格', rank: 3, classRank: 1, unitCount: 7 }],
    }
    const formatter = (trendLine(trend, { total: '总分' }).tooltip as { formatter: (p: unknown) => string }).formatter
    expect(formatter([{ dataIndex: 0 }])).toBe('&lt;b&gt;2025&lt;/b&gt;<br/>总分：60<br/>合格 · #3/7')
  })

  it('helpers', () => {
    expect(schemeFamily('jiaxian-towns-2022')).toBe('jiaxian-towns')
    expect(schemeFamily('every-part')).toBe('every-part')
    expect(shorten('云川市文化广电和旅游局', 8)).toBe('云川市文化广电…')
    expect(escapeHtml('<img onerror="x">')).toBe('&lt;img onerror=&quot;x&quot;&gt;')
  })
})
