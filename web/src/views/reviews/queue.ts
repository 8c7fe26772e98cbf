import type { ReviewQueueItem, ReviewQueueUnit } from '@/api/types'

/** Selected queue rows as one batch-confirm request body per campaign, each item with the review version the reviewer saw. */
export function batchesOf(rows: ReviewQueueItem[]): Array<{ campaignId: number; items: Array<{ unitId: number; itemId: string; expectedVersion: number }> }> {
  const byCampaign = new Map<number, Array<{ unitId: number; itemId: string; expectedVersion: number }>>()
  for (const r of rows) {
    const campaignId = Number(r.campaignId)
    if (!byCampaign.has(campaignId)) byCampaign.set(campaignId, [])
    byCampaign.get(campaignId)!.push({ unitId: Number(r.unitId), itemId: r.itemId, expectedVersion: Number(r.expectedVersion) })
  }
  return [...byCampaign].map(([campaignId, items]) => ({ campaignId, items }))
}

/** The matches of the last search, and the chosen unit first when the search did not find it. */
export function withChosen(found: readonly ReviewQueueUnit[], chosen: ReviewQueueUnit | null): ReviewQueueUnit[] {
  if (!chosen || found.some((u) => Number(u.unitId) === Number(chosen.unitId))) return [...found]
  return [chosen, ...found]
}
