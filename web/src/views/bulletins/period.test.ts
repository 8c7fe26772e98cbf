import { describe, expect, it } from 'vitest'
import type { CampaignListItem } from '@/api/types'
import { periodFamilies, schemeFamily } from './period'

const campaign = (id: number, schemeId: string, periodKey: string, state: CampaignListItem['state'] = 'Published') =>
  ({ id, schemeId, schemeTitle: schemeId.startsWith('heihe') ? 'b' : 'a', periodKey, state }) as CampaignListItem

describe('period bulletin choices', () => {
  it('schemeFamily_dropsTheTrailingYearOnly', () => {
    expect(schemeFamily('heihe-taskforce-monthly-2022')).toBe('heihe-taskforce-monthly')
    expect(schemeFamily('custom')).toBe('custom')
  })

  it('periodFamilies_publishedOnly_groupedByFamilyInCalendarOrder', () => {
    const families = periodFamilies([
      campaign(1, 'heihe-taskforce-monthly-2022', '2025-12'),
      campaign(2, 'heihe-taskforce-monthly-2023', '2025-10'),
      campaign(3, 'heihe-taskforce-monthly-2022', '2025-11', 'Reviewing'),
      campaign(4, 'huaian-quarterly-2022', '2025Q3'),
    ])
    expect(families.map((f) => [f.key, f.campaigns.map((c) => c.id)])).toEqual([
      ['huaian-quarterly', [4]],
      ['heihe-taskforce-monthly', [2, 1]],
    ])
  })
})
