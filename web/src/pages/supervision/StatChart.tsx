// A chart of several series, bars and lines (ECharts, modular imports: bar and line series, grid, legend, tooltip,
// title and the canvas renderer only).
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer])
const FONT = '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif'
const COLORS = ['#1f5fae', '#2e8b57', '#d48806', '#c8102e']

export interface Series { name: string; kind: 'bar' | 'line'; values: (number | null)[] }

export function StatChart({ title, labels, series, testId }: { title: string; labels: string[]; series: Series[]; testId: string }) {
  const el = useRef<HTMLDivElement>(null)
  const key = JSON.stringify([title, labels, series])
  useEffect(() => {
    if (!el.current) return
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' })
    chart.setOption({
      color: COLORS,
      textStyle: { fontFamily: FONT },
      title: { text: title, left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: labels.length > 8 ? 96 : 56 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 8 ? 40 : 0, width: 90, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ type: s.kind, name: s.name, data: s.values, smooth: s.kind === 'line' })),
    })
    const resize = () => chart.resize()
    window.addEventListener('resize', resize)
    return () => { window.removeEventListener('resize', resize); chart.dispose() }
  }, [key])
  return <div ref={el} role="img" aria-label={title} style={{ width: '100%', height: 320 }} data-testid={testId} />
}
