import type { CampaignState, UnitResultView } from '@/api/types'
import { i18n } from '@/i18n'

/** Campaigns whose results mean something: in review, awaiting approval, or published. */
export function withResults<T extends { state: CampaignState }>(campaigns: T[]): T[] {
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

/** How many units one page of the ranking table holds: the server counts the caller's units and answers one page in rank order. */
export const rankingPageSize = 100

/** How many pages a table of `total` lines has: at least one, so that an empty table still reads as its first page. */
export function rankingPages(total: number | string | null | undefined, size = rankingPageSize): number {
  return Math.max(1, Math.ceil(Number(total ?? 0) / size))
}

/** Reviewed minus self-assessed, signed, for the drawer's difference column; empty when they agree. */
export function scoreDiff(reviewed: number | string, self: number | string): string {
  const d = Math.round((Number(reviewed) - Number(self)) * 100) / 100
  return d === 0 ? '' : d > 0 ? `+${d}` : String(d)
}

type GradeTag = 'success' | 'primary' | 'warning' | 'danger' | 'info'
const tags = ['success', 'primary', 'warning', 'danger'] as const

/** The tag colour of a grade, by the grade names schemes use (locales: grades.tags). */
export function gradeType(grade: string | null | undefined): GradeTag {
  if (!grade) return 'info'
  return tags.find((tag) => i18n.global.t(`grades.tags.${tag}`).split(' ').includes(grade)) ?? 'info'
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  // The server sends Beijing time with its offset; show it as written, without the browser's zone.
  return iso.replace('T', ' ').slice(0, 16)
}
