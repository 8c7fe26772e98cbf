import type { ReviewQueueItem } from '@/api/types'

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
