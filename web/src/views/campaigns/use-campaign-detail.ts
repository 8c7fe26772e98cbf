import { computed, reactive, ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { http, ok } from '@/api/client'
import type { CampaignProgressView, CampaignResponse, UnitProgressView } from '@/api/types'
import type { ChartOption } from '@/composables/useEcharts'
import { useAuthStore } from '@/stores/auth'
import { ApiError } from '@/api/errors'
import { beijing } from '@/utils/time'
import { useReadiness } from './use-readiness'

/** The five progress states in board order, with the colour each keeps in the chart and the tags. */
export const progressStatuses = [
  { key: 'submitted', color: '#67c23a', tag: 'success' },
  { key: 'late', color: '#e6a23c', tag: 'warning' },
  { key: 'returned', color: '#f56c6c', tag: 'danger' },
  { key: 'missing', color: '#909399', tag: 'info' },
  { key: 'pending', color: '#409eff', tag: 'primary' },
] as const

/** How many units one page of the progress table holds: the server counts every unit and answers one page of rows. */
export const progressPageSize = 100

/** How many pages the progress table has for the status shown ('' for all): the counts are of every unit, the rows a page. */
export function progressPages(p: CampaignProgressView, status: string, size = progressPageSize): number {
  const total = status ? Number((p as unknown as Record<string, number | string>)[status] ?? 0) : Number(p.unitCount)
  return Math.max(1, Math.ceil(total / size))
}

/** The bar chart of the progress board: how many units stand in each state. */
export function progressChart(p: CampaignProgressView, label: (key: string) => string): ChartOption {
  const counts: Record<string, number> = { submitted: Number(p.submitted), late: Number(p.late), returned: Number(p.returned), missing: Number(p.missing), pending: Number(p.pending) }
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: progressStatuses.map((s) => label(s.key)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{
      type: 'bar', barMaxWidth: 40,
      data: progressStatuses.map((s) => ({ value: counts[s.key], itemStyle: { color: s.color } })),
      label: { show: true, position: 'top' },
    }],
  }
}

/**
 * Why a new deadline for one unit would be refused, before it is sent (the server checks the same): it must lie after the
 * unit's current deadline (a returned unit's supplement deadline) and after now. The picker gives Beijing wall-clock time.
 */
export function exceptionDueProblem(due: string, current: string | null | undefined, now: Date): 'notLater' | 'notFuture' | null {
  if (!due) return null
  const at = new Date(`${due.length === 16 ? `${due}:00` : due}+08:00`)
  if (current && at.getTime() <= new Date(current).getTime()) return 'notLater'
  if (at.getTime() <= now.getTime()) return 'notFuture'
  return null
}

/** Whether the office may still move this unit's deadline: a draft while collection runs, a returned unit while it supplements. */
export function canExtend(campaignState: string, unitState: string): boolean {
  // A voided campaign takes no more changes, so it offers none.
  if (campaignState === 'Voided') return false
  return (unitState === 'Draft' && campaignState === 'Open') || unitState === 'Returned'
}

export function useCampaignDetail(id: string) {
  const { t } = useI18n()
  const auth = useAuthStore()
  const campaign = ref<CampaignResponse | null>(null)
  const progress = ref<CampaignProgressView | null>(null)
  const loading = ref(false)
  const error = ref('')
  const exception = reactive({ open: false, unit: null as UnitProgressView | null, due: '', reason: '', busy: false, errors: {} as Record<string, string>, error: '' })

  // The table's page: the status shown ('' for all) and the last unit of each page before this one (null before the first).
  const status = ref('')
  const cursors = ref<(number | null)[]>([null])
  const page = computed(() => cursors.value.length)
  const pages = computed(() => (progress.value ? progressPages(progress.value, status.value) : 1))
  const exceptions = ref<UnitProgressView[]>([])

  const chartOption = computed<ChartOption | null>(() => (progress.value ? progressChart(progress.value, (k) => t(`campaign.status.${k}`)) : null))

  function progressPage() {
    const after = cursors.value[cursors.value.length - 1]
    return ok(http.GET('/api/campaigns/{id}/progress', {
      params: { path: { id: Number(id) }, query: { status: status.value || undefined, after: after ?? undefined, limit: progressPageSize } },
    }))
  }

  /** Units given more time are few: the server answers them apart from the page, so the list below the table is whole. */
  async function loadExceptions() {
    const answer = await ok(http.GET('/api/campaigns/{id}/progress', { params: { path: { id: Number(id) }, query: { withException: true, limit: 500 } } }))
    exceptions.value = answer.units
  }

  async function load() {
    loading.value = true
    error.value = ''
    try {
      // Both are fetched together and shown together, so the page never pairs a new campaign with old progress.
      const [next, nextProgress] = await Promise.all([
        ok(http.GET('/api/campaigns/{id}', { params: { path: { id: Number(id) } } })),
        auth.can('campaign:progress') ? progressPage().catch(() => null) : Promise.resolve(null),
        auth.can('campaign:progress') ? loadExceptions().catch(() => undefined) : Promise.resolve(),
      ])
      campaign.value = next
      progress.value = nextProgress
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  async function showPage() {
    try {
      progress.value = await progressPage()
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }

  /** Another status shown starts again at its first page; the counts stay those of every unit. */
  async function showStatus(next: string) {
    status.value = next
    cursors.value = [null]
    await showPage()
  }

  async function nextPage() {
    const after = progress.value?.next
    if (after === null || after === undefined) return
    cursors.value = [...cursors.value, Number(after)]
    await showPage()
  }

  async function prevPage() {
    if (cursors.value.length <= 1) return
    cursors.value = cursors.value.slice(0, -1)
    await showPage()
  }

  // Closing collection goes through the readiness dialog: what is open, then the step, with a reason if need be.
  const readiness = useReadiness(() => id)

  async function openCollection() {
    try {
      await ElMessageBox.confirm(t('campaign.openConfirm', { name: campaign.value?.name ?? '' }), t('common.confirmTitle'), { type: 'warning' })
      await ok(http.POST('/api/campaigns/{id}/open', { params: { path: { id: Number(id) } } }))
      ElMessage.success(t('common.saved'))
      await load()
    } catch (e) {
      if (e instanceof Error) ElMessage.error(e.message)
    }
  }

  function openException(unit: UnitProgressView) {
    Object.assign(exception, { open: true, unit, due: '', reason: '', errors: {}, error: '' })
  }

  async function grantException() {
    if (!exception.unit) return
    exception.errors = {}
    exception.error = ''
    const unit = exception.unit
    const problem = exceptionDueProblem(exception.due, unit.state === 'Returned' ? unit.returnDue : unit.due, new Date())
    if (!exception.due) exception.errors = { due: t('common.required', { field: t('campaign.exceptionDue') }) }
    else if (problem) exception.errors = { due: t(`deadline.${problem}`, { due: beijing(unit.state === 'Returned' ? unit.returnDue : unit.due) }) }
    if (Object.keys(exception.errors).length > 0) return
    exception.busy = true
    try {
      await http.POST('/api/campaigns/{campaignId}/units/{unitId}/deadline-exception', {
        params: { path: { campaignId: Number(id), unitId: Number(exception.unit.unitId) } },
        body: { due: exception.due || null, reason: exception.reason },
      })
      exception.open = false
      ElMessage.success(t('campaign.granted'))
      await load()
    } catch (e) {
      if (e instanceof ApiError) {
        exception.errors = e.fieldErrors
        if (Object.keys(exception.errors).length === 0) exception.error = e.message
      } else exception.error = String(e)
    } finally {
      exception.busy = false
    }
  }

  /** Completing the review of one unit; a 409 names the items still unreviewed, shown as the server wrote it. */
  async function markReviewed(unit: UnitProgressView) {
    try {
      await ElMessageBox.confirm(t('reviewDone.finishConfirm', { unit: unit.unitName }), t('common.confirmTitle'), { type: 'warning' })
    } catch {
      return
    }
    try {
      await http.POST('/api/campaigns/{campaignId}/units/{unitId}/submission/reviewed', { params: { path: { campaignId: Number(id), unitId: Number(unit.unitId) } } })
      ElMessage.success(t('reviewDone.finished'))
      await load()
    } catch (e) {
      ElMessage({ type: 'error', message: (e as Error).message, duration: 8000, showClose: true })
    }
  }

  return {
    campaign, progress, loading, error, exception, chartOption, exceptions, readiness, status, page, pages,
    load, showStatus, nextPage, prevPage, openCollection, openException, grantException, markReviewed,
  }
}
