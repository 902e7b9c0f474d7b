// 大厅统计 on the manager's workbench: tickets and waits per day (ECharts, modular imports), and per window / person.
import { Card, Segmented, Table } from 'antd'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef, useState } from 'react'
import { api } from '../../api'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { minutes, type StatsRow } from './hallTypes'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

const FONT = '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif'

export function HallStatsCard({ centerId }: { centerId: number }) {
  const [by, setBy] = useState<'window' | 'staff'>('window')
  // The server's default range: the 30 days up to its today.
  const days = useLoad((s) => api.get<{ rows: StatsRow[] }>('/api/hall/stats', { centerId, by: 'day' }, s), [centerId])
  const groups = useLoad((s) => api.get<{ rows: StatsRow[] }>('/api/hall/stats', { centerId, by }, s), [centerId, by])
  const el = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!el.current || !days.data) return
    const rows = days.data.rows
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' })
    chart.setOption({
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, data: [t('hallStats.tickets'), t('hallStats.avgWait'), t('hallStats.p90Wait')] },
      grid: { left: 48, right: 48, top: 40, bottom: 56 },
      xAxis: { type: 'category', data: rows.map((r) => r.label.slice(5)) },
      yAxis: [{ type: 'value', name: t('hallStats.tickets') }, { type: 'value', name: t('hallStats.avgWait') }],
      series: [
        { name: t('hallStats.tickets'), type: 'bar', data: rows.map((r) => r.tickets), itemStyle: { color: '#1f5fae' } },
        { name: t('hallStats.avgWait'), type: 'line', yAxisIndex: 1, data: rows.map((r) => Number(minutes(r.avgWaitSeconds)) || 0) },
        { name: t('hallStats.p90Wait'), type: 'line', yAxisIndex: 1, data: rows.map((r) => Number(minutes(r.p90WaitSeconds)) || 0) },
      ],
    })
    const resize = new ResizeObserver(() => chart.resize())
    resize.observe(el.current)
    return () => { resize.disconnect(); chart.dispose() }
  }, [days.data])

  return (
    <Card title={t('hallStats.title')} loading={days.loading && !days.data}>
      <div ref={el} role="img" aria-label={t('hallStats.title')} style={{ width: '100%', height: 260 }} />
      <Segmented style={{ margin: '12px 0' }} value={by} onChange={(v) => setBy(v as 'window' | 'staff')}
        options={[{ value: 'window', label: t('hallStats.byWindow') }, { value: 'staff', label: t('hallStats.byStaff') }]} />
      <Table<StatsRow> size="small" rowKey={(r) => r.key ?? '-'} pagination={false} dataSource={groups.data?.rows ?? []} data-testid="hall-stats-table"
        columns={[
          { title: t('hallStats.group'), dataIndex: 'label' },
          { title: t('hallStats.tickets'), dataIndex: 'tickets' },
          { title: t('hallStats.avgWait'), render: (_, r) => minutes(r.avgWaitSeconds) },
          { title: t('hallStats.p90Wait'), render: (_, r) => minutes(r.p90WaitSeconds) },
          { title: t('hallStats.avgService'), render: (_, r) => minutes(r.avgServiceSeconds) },
          { title: t('hallStats.noShows'), dataIndex: 'noShows' },
        ]} />
    </Card>
  )
}
