import { describe, expect, it } from 'vitest'
import type { ReadinessView } from '@/api/types'
import { namesLine, readinessChoice } from './use-readiness'
import { canExtend, exceptionDueProblem } from './use-campaign-detail'

const view = (ready: boolean, canOverride: boolean): ReadinessView => ({
  campaignId: 1, state: 'Open', step: 'close-collection', stepName: '结束收集', ready, canOverride, open: [], overrides: [],
})

describe('readiness', () => {
  it('readinessChoice_nothingOpen_goes_passableOpen_needsAReason_elseBlocked', () => {
    expect(readinessChoice(null)).toBe('wait')
    expect(readinessChoice(view(true, true))).toBe('go')
    expect(readinessChoice(view(false, true))).toBe('override')
    expect(readinessChoice(view(false, false))).toBe('blocked')
  })

  it('namesLine_longList_showsTheFirstFewAndHowManyMore', () => {
    expect(namesLine(['甲镇', '乙镇'], '、', (n) => `等 ${n} 项`)).toBe('甲镇、乙镇')
    expect(namesLine(['一', '二', '三', '四'], '、', (n) => `等 ${n} 项`, 2)).toBe('一、二 等 2 项')
  })
})

describe('deadline exceptions', () => {
  const now = new Date('2026-03-02T01:00:00Z') // 09:00 in Beijing

  it('exceptionDueProblem_notAfterTheCurrentDeadline_orNotInTheFuture_isRefused', () => {
    const current = '2026-03-05T17:00:00+08:00'
    expect(exceptionDueProblem('2026-03-05T17:00', current, now)).toBe('notLater')
    expect(exceptionDueProblem('2026-03-04T12:00', current, now)).toBe('notLater')
    expect(exceptionDueProblem('2026-03-02T08:59', null, now)).toBe('notFuture')
    expect(exceptionDueProblem('2026-03-06T09:00', current, now)).toBeNull()
  })

  it('canExtend_onlyADraftWhileCollecting_orAReturnedUnit', () => {
    expect(canExtend('Open', 'Draft')).toBe(true)
    expect(canExtend('Reviewing', 'Draft')).toBe(false)
    expect(canExtend('Reviewing', 'Returned')).toBe(true)
    expect(canExtend('Open', 'Submitted')).toBe(false)
    expect(canExtend('Voided', 'Returned')).toBe(false)
  })
})
