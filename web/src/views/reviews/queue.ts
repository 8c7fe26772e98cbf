import type { ReviewQueueItem } from '@/api/types'

/** The distinct values of a list as select options, in the order first met. */
export function distinct<T, V extends string | number>(rows: T[], value: (r: T) => V, label: (r: T) => string): Array<{ value: V; label: string }> {
  const seen = new Map<V, string>()
  for (const r of rows) if (!seen.has(value(r))) seen.set(value(r), label(r))
  return [...seen].map(([v, l]) => ({ value: v, label: l }))
}

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
