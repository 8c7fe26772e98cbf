// The review queue a page at a time (keyset: each page starts after the last item shown), its filters kept on the server,
// and the counts per campaign that label the campaign filter. A search starts again from the first page; "load more" appends.
// The unit filter finds the chosen campaign's waiting units as the reviewer types, a few at a time: a province's campaign has
// thousands, which every page used to carry.
import { computed, reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { http, ok } from '@/api/client'
import type { ReviewQueueCampaign, ReviewQueueItem, ReviewQueueUnit } from '@/api/types'
import { withChosen } from './queue'

export const PAGE_SIZE = 50
/** How many matching units the unit filter offers at a time; typing more of the name narrows them. */
export const UNIT_MATCHES = 20

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
  const unitsLoading = ref(false)
  // The chosen unit stays among the choices while the reviewer searches for another, so the select keeps showing its name.
  const chosenUnit = ref<ReviewQueueUnit | null>(null)
  const unitChoices = computed(() => withChosen(units.value, chosenUnit.value))
  let unitSearch = 0
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

  /** The chosen campaign's units with items waiting whose name or code holds the words (the first few for none). */
  async function findUnits(words: string) {
    const campaignId = query.campaign
    const mine = ++unitSearch
    if (campaignId === undefined) {
      units.value = []
      return
    }
    unitsLoading.value = true
    try {
      const found = await ok(http.GET('/api/workspace/review-queue/units', {
        params: { query: { campaignId, q: words.trim() || undefined, limit: UNIT_MATCHES } },
      }))
      // An answer to an earlier keystroke that arrives late must not replace the matches of a later one.
      if (mine === unitSearch) units.value = found
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      if (mine === unitSearch) unitsLoading.value = false
    }
  }

  /** Remembers the unit chosen (its name, for the select) and searches the queue for it. */
  function chooseUnit(id: number | string | null | undefined) {
    // A cleared select hands back an empty value: all units again.
    if (typeof id !== 'number') query.unit = undefined
    chosenUnit.value = typeof id === 'number' ? (unitChoices.value.find((u) => Number(u.unitId) === id) ?? null) : null
    return load()
  }

  /** Another campaign: its units are others, so the unit filter starts empty. */
  function chooseCampaign() {
    query.unit = undefined
    chosenUnit.value = null
    units.value = []
    return load()
  }

  function reset() {
    Object.assign(query, initial)
    chosenUnit.value = null
    units.value = []
    return load()
  }

  return {
    query, rows, campaigns, unitChoices, unitsLoading, states, total, next, loading, load, more, reset, findUnits, chooseUnit, chooseCampaign,
  }
}
