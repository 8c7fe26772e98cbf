import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart, RadarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, TitleComponent, LegendComponent, RadarComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption, RadarSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TooltipComponentOption, TitleComponentOption, LegendComponentOption, RadarComponentOption } from 'echarts/components'

// Only the parts the pages use, so the bundle does not carry all of ECharts.
echarts.use([BarChart, LineChart, PieChart, RadarChart, GridComponent, TooltipComponent, TitleComponent, LegendComponent, RadarComponent, CanvasRenderer])

export type ChartOption = ComposeOption<
  | BarSeriesOption | LineSeriesOption | PieSeriesOption | RadarSeriesOption
  | GridComponentOption | TooltipComponentOption | TitleComponentOption | LegendComponentOption | RadarComponentOption
>

/** Mounts a chart on the element, follows its size, and disposes it with the component. */
export function useEcharts(el: Ref<HTMLElement | null>, option: Ref<ChartOption | null>) {
  const chart = shallowRef<echarts.ECharts | null>(null)
  let observer: ResizeObserver | null = null

  function render() {
    if (!el.value || !option.value) return
    chart.value ??= echarts.init(el.value)
    chart.value.setOption(option.value, true)
  }

  onMounted(() => {
    render()
    if (el.value) {
      observer = new ResizeObserver(() => chart.value?.resize())
      observer.observe(el.value)
    }
  })
  watch(option, render, { deep: true })
  watch(el, render)
  onBeforeUnmount(() => {
    observer?.disconnect()
    chart.value?.dispose()
    chart.value = null
  })
  return { chart }
}
