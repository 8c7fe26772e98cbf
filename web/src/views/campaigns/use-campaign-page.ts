import { computed, reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { http, ok } from '@/api/client'
import type { CampaignResponse, CampaignState } from '@/api/types'
import { matches, pageOf } from '@/utils/tree'
import { beijing } from '@/utils/time'

export interface CampaignRow extends CampaignResponse {
  due: string
}

/** The campaign list: every campaign in the caller's scope, filtered by the search form on the client. */
export function useCampaignPage() {
  const campaigns = ref<CampaignResponse[]>([])
  const loading = ref(false)
  const query = reactive({ keyword: '', state: '' as CampaignState | '' })
  const page = reactive({ current: 1, size: 10 })

  const filtered = computed<CampaignRow[]>(() =>
    campaigns.value
      .filter((c) => matches(c, query.keyword, ['name', 'schemeTitle', 'periodLabel']))
      .filter((c) => !query.state || c.state === query.state)
      .map((c) => ({ ...c, due: beijing(c.schedule.evidenceDue) })),
  )
  const rows = computed(() => pageOf(filtered.value, page.current, page.size))

  async function load() {
    loading.value = true
    try {
      campaigns.value = await ok(http.GET('/api/campaigns'))
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      loading.value = false
    }
  }

  function search() {
    page.current = 1
  }

  function reset() {
    query.keyword = ''
    query.state = ''
    page.current = 1
  }

  return { campaigns, loading, query, page, filtered, rows, load, search, reset }
}

export const campaignStates: CampaignState[] = ['Draft', 'Open', 'Reviewing', 'PendingPublication', 'Published']

export const stateTag = (s: CampaignState) =>
  s === 'Open' ? 'primary' : s === 'Reviewing' ? 'warning' : s === 'Published' ? 'success' : s === 'PendingPublication' ? 'danger' : 'info'
