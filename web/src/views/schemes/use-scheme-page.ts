import { computed, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { http, ok } from '@/api/client'
import type { LintFindingView, SchemeList, SchemeView } from '@/api/types'
import { categoryMaxima, countItems, schemeRows } from '@/utils/scheme'
import { matches } from '@/utils/tree'
import type { ChartOption } from '@/composables/useEcharts'

/** The scheme list. */
export function useSchemePage() {
  const list = ref<SchemeList>({ schemes: [], errors: [] })
  const keyword = ref('')
  const loading = ref(false)
  const rows = computed(() => list.value.schemes.filter((s) => matches(s, keyword.value, ['title', 'issuer', 'document'])))

  async function load() {
    loading.value = true
    try {
      list.value = await ok(http.GET('/api/schemes'))
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      loading.value = false
    }
  }
  return { list, keyword, loading, rows, load }
}

/** One scheme: its tree in seed order, its lint report and the chart of category maxima. */
export function useSchemeDetail(id: string) {
  const scheme = ref<SchemeView | null>(null)
  const findings = ref<LintFindingView[]>([])
  const loading = ref(false)
  const error = ref('')
  const tab = ref<'tree' | 'lint'>('tree')

  const rows = computed(() => (scheme.value ? schemeRows(scheme.value) : []))
  const itemCount = computed(() => countItems(rows.value))
  const openFindings = computed(() => findings.value.filter((f) => !f.resolved).length)
  const chartOption = computed<ChartOption | null>(() => {
    if (!scheme.value) return null
    const data = categoryMaxima(scheme.value)
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name), axisLabel: { width: 120, overflow: 'truncate' } },
      series: [{ type: 'bar', data: data.map((d) => d.max), itemStyle: { color: '#1d6fd8' }, label: { show: true, position: 'right' } }],
    }
  })

  async function load() {
    loading.value = true
    error.value = ''
    try {
      ;[scheme.value, findings.value] = await Promise.all([
        ok(http.GET('/api/schemes/{id}', { params: { path: { id } } })),
        ok(http.GET('/api/schemes/{id}/lint', { params: { path: { id } } })),
      ])
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }
  return { scheme, findings, loading, error, tab, rows, itemCount, openFindings, chartOption, load }
}
