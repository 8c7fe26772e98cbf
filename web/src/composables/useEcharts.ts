import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import * as echarts from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, TitleComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TooltipComponentOption, TitleComponentOption } from 'echarts/components'

// Only the parts the pages use, so the bundle does not carry all of ECharts.
echarts.use([BarChart, GridComponent, TooltipComponent, TitleComponent, CanvasRenderer])

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | TitleComponentOption>

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
