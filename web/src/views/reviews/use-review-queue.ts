// The review queue a page at a time (keyset: each page starts after the last item shown), its filters kept on the server,
// and the counts per campaign that label the campaign filter. A search starts again from the first page; "load more" appends.
import { reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { http, ok } from '@/api/client'
import type { ReviewQueueCampaign, ReviewQueueItem, ReviewQueueUnit } from '@/api/types'

export const PAGE_SIZE = 50

export interface QueueQuery {
  keyword: string
  campaign: number | undefined
  unit: number | undefined
  state: string | undefined
}

export function useReviewQueue() {
  const initial: QueueQuery = { keyword: '', campaign: undefined, unit: undefined, state: undefined }
  const query = reactive<QueueQuery>({ ...initial })
  const rows = ref<ReviewQueueItem[]>([])
  const campaigns = ref<ReviewQueueCampaign[]>([])
  const units = ref<ReviewQueueUnit[]>([])
  const states = ref<string[]>([])
  const total = ref(0)
  const next = ref<string | null>(null)
  const loading = ref(false)

  async function fetch(after: string | null) {
    loading.value = true
    try {
      const page = await ok(http.GET('/api/workspace/review-queue', {
        params: {
          query: {
            campaignId: query.campaign, unitId: query.unit, state: query.state || undefined,
            keyword: query.keyword.trim() || undefined, after: after ?? undefined, limit: PAGE_SIZE,
          },
        },
      }))
      rows.value = after ? [...rows.value, ...page.items] : page.items
      campaigns.value = page.campaigns
      units.value = page.units
      states.value = page.states
      total.value = Number(page.total)
      next.value = page.next ?? null
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      loading.value = false
    }
  }

  /** The first page for the filters as they are. */
  const load = () => fetch(null)
  /** The page after the last row shown. */
  const more = () => (next.value ? fetch(next.value) : Promise.resolve())

  function reset() {
    Object.assign(query, initial)
    return load()
  }

  return { query, rows, campaigns, units, states, total, next, loading, load, more, reset }
}
