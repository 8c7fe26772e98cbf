import type { CampaignResponse, UnitResultView } from '@/api/types'

/** Campaigns whose results mean something: in review, awaiting approval, or published. */
export function withResults(campaigns: CampaignResponse[]): CampaignResponse[] {
  return campaigns.filter((c) => c.state === 'Reviewing' || c.state === 'PendingPublication' || c.state === 'Published')
}

/** What a ranking line needs to be grouped by class: the engine's view and the public one both have it. */
type Ranked = Pick<UnitResultView, 'schemeClass' | 'schemeClassName' | 'rank' | 'classRank'>

export interface ClassTab<U extends Ranked = UnitResultView> { id: string; label: string; units: U[] }

/** One tab per scheme class, in the order classes first appear in the ranking, each ordered by class rank. */
export function classTabs<U extends Ranked>(units: U[]): ClassTab<U>[] {
  const tabs = new Map<string, ClassTab<U>>()
  for (const u of units) {
    const tab = tabs.get(u.schemeClass) ?? { id: u.schemeClass, label: u.schemeClassName ?? u.schemeClass, units: [] }
    tab.units.push(u)
    tabs.set(u.schemeClass, tab)
  }
  for (const tab of tabs.values()) tab.units.sort((a, b) => Number(a.classRank) - Number(b.classRank) || Number(a.rank) - Number(b.rank))
  return [...tabs.values()]
}

/** Reviewed minus self-assessed, signed, for the drawer's difference column; empty when they agree. */
export function scoreDiff(reviewed: number | string, self: number | string): string {
  const d = Math.round((Number(reviewed) - Number(self)) * 100) / 100
  return d === 0 ? '' : d > 0 ? `+${d}` : String(d)
}

const gradeTypes: Record<string, 'success' | 'primary' | 'warning' | 'danger' | 'info'> = {
  优秀: 'success', 红名单: 'success', 良好: 'primary', 蓝名单: 'primary', 合格: 'warning', 不合格: 'danger', 黄名单: 'danger',
}

export function gradeType(grade: string | null | undefined): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  return (grade && gradeTypes[grade]) || 'info'
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  // The server sends Beijing time with its offset; show it as written, without the browser's zone.
  return iso.replace('T', ' ').slice(0, 16)
}
