import { http, ok } from '@/api/client'
import { useListPage } from '@/composables/useListPage'
import type { CampaignListItem, CampaignState } from '@/api/types'
import { matches } from '@/utils/tree'
import { beijing } from '@/utils/time'

export interface CampaignRow extends CampaignListItem {
  due: string
  /** Submitted of the units the caller sees, as the list shows it (12 / 20). */
  submitted: string
}

/** The campaign list: every campaign in the caller's scope, filtered by the search form on the client. */
export function useCampaignPage() {
  const list = useListPage({
    query: { keyword: '', state: '' as CampaignState | '', includeVoided: false },
    // Voided campaigns stay on record but leave the everyday list; the office asks for them by name.
    fetch: (query) => ok(http.GET('/api/campaigns', { params: { query: { includeVoided: query.includeVoided || undefined } } })),
    filter: (campaigns, query): CampaignRow[] =>
      campaigns
        .filter((c) => matches(c, query.keyword, ['name', 'schemeTitle', 'periodLabel']))
        .filter((c) => !query.state || c.state === query.state)
        .map((c) => ({ ...c, due: beijing(c.schedule.evidenceDue), submitted: `${c.submittedCount} / ${c.unitCount}` })),
  })
  return list
}

export const campaignStates: CampaignState[] = ['Draft', 'Open', 'Reviewing', 'PendingPublication', 'Published', 'Voided']

export const stateTag = (s: CampaignState) =>
  s === 'Open' ? 'primary' : s === 'Reviewing' ? 'warning' : s === 'Published' ? 'success' : s === 'PendingPublication' ? 'danger' : 'info'
