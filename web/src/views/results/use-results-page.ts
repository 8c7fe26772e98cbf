import { computed, ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { resultsApi } from '@/api/results'
import type { CampaignAppealView, CampaignRankingView, CampaignResponse, PublicationView, UnitRankingView, UnitResultView } from '@/api/types'
import { useAuthStore } from '@/stores/auth'
import { ApiError } from '@/api/errors'
import { rankingPageSize, rankingPages } from './format'

/**
 * State and handlers of one campaign's results page: ranking, drawer, publication and appeals. The ranking comes a page at a time
 * without items (a province's campaign has thousands of units): the server answers one page in rank order for the tab shown (all
 * units or one class) and the name searched, with the counts of the pager and the tabs; the drawer asks for one unit's items
 * when it opens.
 */
export function useResultsPage(id: string) {
  const { t } = useI18n()
  const auth = useAuthStore()
  const loading = ref(false)
  const busy = ref(false)
  const campaign = ref<CampaignResponse | null>(null)
  const results = ref<CampaignRankingView | null>(null)
  const publication = ref<PublicationView | null>(null)
  const appeals = ref<CampaignAppealView[]>([])
  const tab = ref('overall')
  const search = ref('')
  const page = ref(1)
  const tableLoading = ref(false)
  const drawerUnit = ref<UnitResultView | null>(null)
  const rejectOpen = ref(false)
  const rejectReason = ref('')
  const rejectError = ref('')

  const tabs = computed(() => results.value?.classes ?? [])
  const pages = computed(() => rankingPages(results.value?.total))
  // The overall tab counts every unit the caller sees, whatever the name searched.
  const unitsInTabs = computed(() => tabs.value.reduce((sum, c) => sum + Number(c.count), 0))

  function rankingPage() {
    return resultsApi.ranking(id, {
      offset: (page.value - 1) * rankingPageSize, limit: rankingPageSize,
      schemeClass: tab.value === 'overall' ? undefined : tab.value, q: search.value.trim() || undefined,
    })
  }
  const canManage = computed(() => auth.can('campaign:manage'))

  async function load() {
    loading.value = true
    try {
      const [c, r, p] = await Promise.all([resultsApi.campaign(id), rankingPage(), resultsApi.publication(id)])
      campaign.value = c
      results.value = r
      publication.value = p
      if (canManage.value) appeals.value = await resultsApi.appeals(id)
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      loading.value = false
    }
  }

  async function showPage() {
    tableLoading.value = true
    try {
      results.value = await rankingPage()
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      tableLoading.value = false
    }
  }

  /** Another tab or another search starts again at its first page. */
  async function showTab(next: string | number) {
    tab.value = String(next)
    page.value = 1
    await showPage()
  }

  async function find() {
    page.value = 1
    await showPage()
  }

  async function nextPage() {
    if (page.value >= pages.value) return
    page.value += 1
    await showPage()
  }

  async function prevPage() {
    if (page.value <= 1) return
    page.value -= 1
    await showPage()
  }

  /** Opens the drawer on a line of the ranking with that unit's items and explanations. */
  async function openUnit(line: UnitRankingView) {
    try {
      drawerUnit.value = await resultsApi.unitResult(id, line.unitId)
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }

  async function act(action: () => Promise<unknown>, done: string) {
    busy.value = true
    try {
      await action()
      ElMessage.success(done)
      await load()
      return true
    } catch (e) {
      ElMessage.error((e as Error).message)
      return false
    } finally {
      busy.value = false
    }
  }

  function openReject() {
    rejectReason.value = ''
    rejectError.value = ''
    rejectOpen.value = true
  }

  async function rejectPublication() {
    busy.value = true
    rejectError.value = ''
    try {
      await resultsApi.rejectPublication(id, rejectReason.value)
      rejectOpen.value = false
      ElMessage.success(t('publication.rejected'))
      await load()
    } catch (e) {
      // The server names the field: its Chinese message goes next to it.
      if (e instanceof ApiError && e.fieldErrors.reason) rejectError.value = e.fieldErrors.reason
      else ElMessage.error((e as Error).message)
    } finally {
      busy.value = false
    }
  }

  async function decideAppeal(appeal: CampaignAppealView, uphold: boolean) {
    let text = ''
    try {
      const answer = await ElMessageBox.prompt(uphold ? t('appeal.upholdConfirm') : t('appeal.decisionPlaceholder'),
        uphold ? t('appeal.uphold') : t('appeal.reject'), { inputPlaceholder: t('appeal.decisionPlaceholder'), inputType: 'textarea' })
      text = answer.value ?? ''
    } catch {
      return
    }
    await act(() => (uphold ? resultsApi.upholdAppeal(id, appeal.id, text) : resultsApi.rejectAppeal(id, appeal.id, text)), t('appeal.decided'))
  }

  async function exportFile(kind: 'ranking' | 'sheets' | 'appeals' | 'unit', unitId?: number | string) {
    busy.value = true
    try {
      if (kind === 'ranking') await resultsApi.exportRanking(id)
      else if (kind === 'sheets') await resultsApi.exportScoreSheet(id)
      else if (kind === 'unit') await resultsApi.exportScoreSheet(id, unitId)
      else await resultsApi.exportAppeals(id)
      ElMessage.success(t('common.exported'))
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      busy.value = false
    }
  }

  return {
    loading, busy, campaign, results, publication, appeals, tab, tabs, drawerUnit, canManage, rejectOpen, rejectReason, rejectError,
    search, page, pages, tableLoading, unitsInTabs, showTab, find, nextPage, prevPage,
    load, openUnit, openReject, rejectPublication, decideAppeal, exportFile,
  }
}
