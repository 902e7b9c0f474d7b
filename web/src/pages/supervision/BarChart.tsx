// One bar chart (ECharts, modular imports: the bar series, grid, tooltip and the canvas renderer only).
import { BarChart as Bars } from 'echarts/charts'
import { GridComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

echarts.use([Bars, GridComponent, TitleComponent, TooltipComponent, CanvasRenderer])
const FONT = '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif'

export function BarChart({ title, labels, values }: { title: string; labels: string[]; values: number[] }) {
  const el = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!el.current) return
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' })
    chart.setOption({
      textStyle: { fontFamily: FONT },
      title: { text: title, left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#1f5fae' }, label: { show: true, position: 'top' } }],
    })
    const resize = () => chart.resize()
    window.addEventListener('resize', resize)
    return () => { window.removeEventListener('resize', resize); chart.dispose() }
  }, [title, labels.join('|'), values.join('|')])
  return <div ref={el} style={{ width: '100%', height: 280, marginTop: 16 }} data-testid="bar-chart" />
}
