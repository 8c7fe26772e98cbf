import type { ChartOption } from '@/composables/useEcharts'
import type { CampaignDashboardView, UnitTrendView } from '@/api/types'
import { i18n } from '@/i18n'

/** Grade colours in the order schemes list grades (best first); the ungraded slice is grey. */
export const gradePalette = ['#67c23a', '#409eff', '#e6a23c', '#f56c6c', '#909399', '#b37feb']

const num = (v: number | string) => Number(v)

export function gradePie(d: CampaignDashboardView, ungraded: string): ChartOption {
  const data = d.grades.filter((g) => num(g.count) > 0).map((g) => ({
    name: g.grade, value: num(g.count),
    itemStyle: { color: g.grade === ungraded ? '#c0c4cc' : gradePalette[d.grades.indexOf(g) % gradePalette.length] },
  }))
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { name, value, percent } = p as { name: string; value: number; percent: number }
        return escapeHtml(i18n.global.t('chart.share', { name, value, percent }))
      },
    },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['30%', '56%'], center: ['50%', '45%'], data, label: { formatter: '{b} {c}' } }],
  }
}

/** Ranking as horizontal bars, the first place on top; long names are cut so the axis stays readable at 1366 px. */
export function rankingBar(d: CampaignDashboardView, limit = 15): ChartOption {
  const rows = [...d.ranking].sort((a, b) => num(a.rank) - num(b.rank)).slice(0, limit).reverse()
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((r) => shorten(r.name, 8)) },
    series: [{ type: 'bar', data: rows.map((r) => num(r.total)), label: { show: true, position: 'right' }, itemStyle: { color: '#409eff' } }],
  }
}

/** A unit's points per first-level category against the average of the units shown, both on the category's own scale. */
export function categoryRadar(d: CampaignDashboardView, unitId: number | string | null, labels: { average: string }): ChartOption {
  const unit = d.unitCategories.find((u) => String(u.unitId) === String(unitId))
  const series: { name: string; value: number[] }[] = [{ name: labels.average, value: d.categories.map((c) => num(c.average)) }]
  if (unit) series.push({ name: unit.name, value: unit.scores.map(num) })
  return {
    tooltip: {},
    legend: { bottom: 0 },
    radar: { indicator: d.categories.map((c) => ({ name: shorten(c.title, 6), max: Math.max(num(c.max), 1) })), radius: '58%', center: ['50%', '46%'] },
    series: [{ type: 'radar', data: series }],
  }
}

export function trendLine(t: UnitTrendView, labels: { total: string }): ChartOption {
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const p = (params as { dataIndex: number }[])[0]
        const point = t.points[p.dataIndex]
        return `${escapeHtml(point.periodLabel)}<br/>${escapeHtml(i18n.global.t('sep.labelled', { label: labels.total, value: point.total }))}<br/>${escapeHtml(point.grade ?? '')} · #${point.rank}/${point.unitCount}`
      },
    },
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: t.points.map((p) => p.periodLabel) },
    yAxis: { type: 'value', min: 0 },
    series: [{ type: 'line', name: labels.total, data: t.points.map((p) => num(p.total)), label: { show: true }, smooth: false }],
  }
}

/** The units of the campaign by where they stand, in the words, order and colours of the campaign's progress board. */
export const progressKeys = [
  { key: 'submitted', color: '#67c23a' },
  { key: 'late', color: '#e6a23c' },
  { key: 'returned', color: '#f56c6c' },
  { key: 'missing', color: '#909399' },
  { key: 'pending', color: '#409eff' },
] as const

export function progressBar(d: CampaignDashboardView, label: (key: string) => string): ChartOption {
  const p = d.progress
  const values: Record<string, number | string> = { submitted: p.submitted, late: p.late, returned: p.returned, missing: p.missing, pending: p.pending }
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: progressKeys.map((k) => label(k.key)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: progressKeys.map((k) => ({ value: num(values[k.key]), itemStyle: { color: k.color } })), label: { show: true, position: 'top' } }],
  }
}

export function shorten(text: string, max: number): string {
  return [...text].length > max ? [...text].slice(0, max - 1).join('') + '…' : text
}

/** ECharts renders tooltip formatter output as HTML, so names that users typed are escaped first. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** The scheme family of a scheme id: the id without a trailing -YYYY (the server's SchemeFamily.Of). */
export function schemeFamily(schemeId: string): string {
  return /-\d{4}$/.test(schemeId) ? schemeId.slice(0, -5) : schemeId
}
