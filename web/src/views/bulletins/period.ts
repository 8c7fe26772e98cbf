// Which published campaigns a period bulletin may combine: one scheme family's, in calendar order.
import type { CampaignListItem } from '@/api/types'

/** A scheme family is the scheme id without its trailing year, as the server reads it (heihe-taskforce-monthly-2022 → heihe-taskforce-monthly). */
export function schemeFamily(schemeId: string): string {
  return schemeId.replace(/-\d{4}$/, '')
}

export interface PeriodFamily {
  key: string
  title: string
  campaigns: CampaignListItem[]
}

/** The published campaigns grouped by family, each family's campaigns by period (the key sorts as the calendar does), families by title. */
export function periodFamilies(campaigns: CampaignListItem[]): PeriodFamily[] {
  const families = new Map<string, PeriodFamily>()
  for (const c of campaigns.filter((x) => x.state === 'Published')) {
    const key = schemeFamily(c.schemeId)
    const family = families.get(key) ?? { key, title: c.schemeTitle, campaigns: [] }
    family.campaigns.push(c)
    families.set(key, family)
  }
  for (const f of families.values()) f.campaigns.sort((a, b) => a.periodKey.localeCompare(b.periodKey) || Number(a.id) - Number(b.id))
  return [...families.values()].sort((a, b) => a.title.localeCompare(b.title))
}
