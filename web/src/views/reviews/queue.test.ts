import { describe, expect, it } from 'vitest'
import type { ReviewQueueItem } from '@/api/types'
import { batchesOf } from './queue'

const row = (campaignId: number, unitId: number, itemId: string, expectedVersion = 0) =>
  ({ campaignId, campaignName: `批次${campaignId}`, unitId, unitName: `单位${unitId}`, itemId, expectedVersion }) as unknown as ReviewQueueItem

describe('batchesOf', () => {
  it('groups the selection by campaign, each item with the version the reviewer saw', () => {
    expect(batchesOf([row(1, 10, '1.1'), row(2, 20, '2.1', 3), row(1, 11, '1.1', 1)])).toEqual([
      { campaignId: 1, items: [{ unitId: 10, itemId: '1.1', expectedVersion: 0 }, { unitId: 11, itemId: '1.1', expectedVersion: 1 }] },
      { campaignId: 2, items: [{ unitId: 20, itemId: '2.1', expectedVersion: 3 }] },
    ])
  })
})
