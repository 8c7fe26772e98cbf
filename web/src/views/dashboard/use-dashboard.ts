import { computed, ref, watch } from 'vue'
import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { resultsApi } from '@/api/results'
import type { CampaignDashboardView, CampaignListItem, UnitTrendView } from '@/api/types'
import { withResults } from '../results/format'
import { categoryRadar, gradePie, progressBar, rankingBar, trendLine } from './charts'

/** The leader's dashboard: one campaign's charts, and one unit compared with the average and followed across periods. */
export function useDashboard() {
  const { t } = useI18n()
  const campaigns = ref<CampaignListItem[]>([])
  const campaignId = ref<number | string | null>(null)
  const board = ref<CampaignDashboardView | null>(null)
  const unitId = ref<number | string | null>(null)
  const trend = ref<UnitTrendView | null>(null)
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      campaigns.value = withResults(await resultsApi.campaigns())
      // The latest published campaign first: that is what a leader is asked about.
      const first = campaigns.value.find((c) => c.state === 'Published') ?? campaigns.value[0]
      campaignId.value = first?.id ?? null
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      loading.value = false
    }
  }

  watch(campaignId, async (id) => {
    board.value = null
    if (id === null) return
    try {
      board.value = await resultsApi.dashboard(id)
      unitId.value = board.value.ranking[0]?.unitId ?? null
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  })

  watch([unitId, board], async ([id, b]) => {
    trend.value = null
    if (id === null || !b) return
    try {
      trend.value = await resultsApi.trend(id, b.schemeFamily)
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  })

  const pie = computed(() => (board.value ? gradePie(board.value, t('grades.ungraded')) : null))
  const ranking = computed(() => (board.value ? rankingBar(board.value) : null))
  const radar = computed(() => (board.value ? categoryRadar(board.value, unitId.value, { average: t('dashboard.average') }) : null))
  const line = computed(() => (trend.value && trend.value.points.length > 0 ? trendLine(trend.value, { total: t('results.total') }) : null))
  // The same words as the campaign's progress board (campaign.status), so the two pages never disagree.
  const progress = computed(() => (board.value ? progressBar(board.value, (key) => t(`campaign.status.${key}`)) : null))

  return { campaigns, campaignId, board, unitId, trend, loading, load, pie, ranking, radar, line, progress }
}
