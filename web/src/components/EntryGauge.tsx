// The 应进必进 entry rate as an ECharts gauge; only the gauge and the canvas renderer are bundled.
import { GaugeChart } from 'echarts/charts'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import { t } from '../i18n'

echarts.use([GaugeChart, CanvasRenderer])

const FONT = '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif'

export function EntryGauge({ rate }: { rate: number }) {
  const el = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!el.current) return
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' })
    chart.setOption({
      series: [{
        type: 'gauge', min: 0, max: 100, startAngle: 200, endAngle: -20, radius: '95%',
        progress: { show: true, width: 14, itemStyle: { color: '#1f5fae' } },
        axisLine: { lineStyle: { width: 14 } },
        // no tick labels: in a card this small they run into the figure in the middle
        axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false },
        pointer: { show: false },
        title: { offsetCenter: [0, '40%'], fontSize: 13, color: '#666', fontFamily: FONT },
        detail: { valueAnimation: false, offsetCenter: [0, '0%'], fontSize: 28, fontWeight: 'bold', color: '#1f5fae', formatter: '{value}%', fontFamily: FONT },
        data: [{ value: Math.round(rate * 1000) / 10, name: t('board.rate') }],
      }],
    })
    const resize = new ResizeObserver(() => chart.resize())
    resize.observe(el.current)
    return () => { resize.disconnect(); chart.dispose() }
  }, [rate])

  return <div ref={el} className="entry-gauge" role="img" aria-label={`${t('board.rate')} ${(rate * 100).toFixed(1)}%`} style={{ width: '100%', height: 170 }} />
}
