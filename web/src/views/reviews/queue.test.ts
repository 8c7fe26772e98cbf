import { describe, expect, it } from 'vitest'
import type { ReviewQueueItem, ReviewQueueUnit } from '@/api/types'
import { batchesOf, withChosen } from './queue'

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

describe('withChosen', () => {
  const unit = (unitId: number) => ({ unitId, unitName: `单位${unitId}` }) as unknown as ReviewQueueUnit

  it('keeps the chosen unit first when the latest search did not find it, so the select still shows its name', () => {
    expect(withChosen([unit(2), unit(3)], unit(7)).map((u) => Number(u.unitId))).toEqual([7, 2, 3])
  })

  it('does not list the chosen unit twice when the search found it', () => {
    expect(withChosen([unit(2), unit(7)], unit(7)).map((u) => Number(u.unitId))).toEqual([2, 7])
  })

  it('offers the matches alone when no unit is chosen', () => {
    expect(withChosen([unit(2)], null).map((u) => Number(u.unitId))).toEqual([2])
  })
})
