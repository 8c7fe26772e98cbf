import { describe, expect, it } from 'vitest'
import { classTabs, formatTime, gradeType, rankingPages, scoreDiff, withResults } from './format'
import type { CampaignResponse, UnitResultView } from '@/api/types'

const unit = (id: number, cls: string, rank: number, classRank: number): UnitResultView => ({
  unitId: id, name: `u${id}`, schemeClass: cls, schemeClassName: cls === 'town' ? '乡镇' : null, base: 0, bonus: 0, total: 0, grade: null,
  vetoes: [], rank, classRank, selfTotal: 0, isLate: false, explanation: '', items: [],
})

describe('results formatting', () => {
  it('rankingPages_ofTheLinesCounted_isAtLeastOneAndRoundsUp', () => {
    expect(rankingPages(0)).toBe(1)
    expect(rankingPages(100)).toBe(1)
    expect(rankingPages(101)).toBe(2)
    expect(rankingPages('3000')).toBe(30)
    expect(rankingPages(5, 2)).toBe(3)
  })

  it('classTabs_groupsByClass_inClassRankOrder_namedByTheScheme', () => {
    const tabs = classTabs([unit(1, 'town', 1, 1), unit(2, 'street', 2, 1), unit(3, 'town', 3, 2), unit(4, 'town', 4, 3)])
    expect(tabs.map((t) => [t.id, t.label, t.units.map((u) => u.unitId)])).toEqual([['town', '乡镇', [1, 3, 4]], ['street', 'street', [2]]])
  })

  it('withResults_keepsReviewPendingAndPublished', () => {
    const c = (state: CampaignResponse['state']) => ({ state }) as CampaignResponse
    expect(withResults([c('Draft'), c('Open'), c('Reviewing'), c('PendingPublication'), c('Published')]).map((x) => x.state))
      .toEqual(['Reviewing', 'PendingPublication', 'Published'])
  })

  it('scoreDiff_signsTheReviewersChange', () => {
    expect(scoreDiff(4, 5)).toBe('-1')
    expect(scoreDiff(6.5, 4)).toBe('+2.5')
    expect(scoreDiff(3, 3)).toBe('')
  })

  it('gradeType_and_formatTime', () => {
    expect(gradeType('优秀')).toBe('success')
    expect(gradeType('黄名单')).toBe('danger')
    expect(gradeType(null)).toBe('info')
    expect(formatTime('2026-12-02T15:04:05+08:00')).toBe('2026-12-02 15:04')
  })
})

describe('classTabs on the public view', () => {
  it('classTabs_publicLines_groupedLikeTheEngineView', () => {
    const line = (id: number, cls: string, rank: number, classRank: number) =>
      ({ unitId: id, name: `单位${id}`, schemeClass: cls, schemeClassName: cls === 'town' ? '乡镇' : '街道', base: 0, bonus: 0, total: 0, grade: null, vetoes: [], rank, classRank, items: null })
    const tabs = classTabs([line(1, 'street', 1, 1), line(2, 'town', 2, 1)])
    expect(tabs.map((t) => [t.label, t.units.map((u) => u.unitId)])).toEqual([['街道', [1]], ['乡镇', [2]]])
  })
})
