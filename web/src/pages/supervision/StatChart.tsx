// A chart of several series, bars and lines, drawn from the one ECharts definition the server also renders for the
// report (src/domain/charts.ts); modular imports: bar and line series, grid, legend, tooltip, title, canvas renderer.
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import { chartOption, type ChartSeries } from '../../../../src/domain/charts'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer])
const FONT = '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif'

export type Series = ChartSeries

export function StatChart({ title, labels, series, testId, unit }: { title: string; labels: string[]; series: Series[]; testId: string; unit?: string }) {
  const el = useRef<HTMLDivElement>(null)
  const key = JSON.stringify([title, labels, series, unit])
  useEffect(() => {
    if (!el.current) return
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' })
    chart.setOption(chartOption({ title, labels, series, unit }, { fontFamily: FONT, valueLabels: series.length === 1 }))
    const resize = () => chart.resize()
    window.addEventListener('resize', resize)
    return () => { window.removeEventListener('resize', resize); chart.dispose() }
  }, [key])
  return <div ref={el} role="img" aria-label={title} style={{ width: '100%', height: 340 }} data-testid={testId} />
}
