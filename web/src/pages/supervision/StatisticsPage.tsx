// `/app/statistics` 统计分析: a date range and a dimension; charts of counts and rates, the table, the Excel download.
import { Alert, Button, Card, Col, DatePicker, Row, Select, Space, Statistic, Table } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { api, errorMessage, withQuery } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t, type MessageKey } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { StatChart } from './StatChart'
import { GROUP_BYS, num, pct, type GroupBy, type StatRow, type Statistics } from './statistics'

const COLUMNS: { key: keyof StatRow; label: MessageKey; format?: (v: number | null) => string }[] = [
  { key: 'received', label: 'stats.received' }, { key: 'accepted', label: 'stats.accepted' }, { key: 'refused', label: 'stats.refused' },
  { key: 'finished', label: 'stats.finished' }, { key: 'early', label: 'stats.early' }, { key: 'late', label: 'stats.late' },
  { key: 'onTimeRate', label: 'stats.onTimeRate', format: pct }, { key: 'avgWorkdays', label: 'stats.avgWorkdays', format: num },
  { key: 'tripsPerCase', label: 'stats.tripsPerCase', format: num }, { key: 'oneTripRate', label: 'stats.oneTripRate', format: pct },
  { key: 'visits', label: 'stats.visits' }, { key: 'rated', label: 'stats.rated' }, { key: 'satisfaction', label: 'stats.satisfaction', format: pct },
]

export default function StatisticsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()])
  const [groupBy, setGroupBy] = useState<GroupBy>('center')
  const query = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), groupBy }
  const r = useLoad((s) => api.get<Statistics>('/api/statistics', query, s), [query.from, query.to, groupBy])
  const d = r.data
  const rows = d?.rows ?? []
  const labels = rows.map((x) => x.name)
  return (
    <>
      <PageHead title={t('stats.title')} extra={
        <Space wrap>
          <DatePicker.RangePicker aria-label={t('stats.range')} value={range} allowClear={false}
            placeholder={[t('stats.from'), t('stats.to')]} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          <Select<GroupBy> aria-label={t('stats.groupBy')} value={groupBy} onChange={setGroupBy} style={{ width: 140 }}
            options={GROUP_BYS.map((g) => ({ value: g, label: t(`stats.group.${g}` as MessageKey) }))} data-testid="group-by" />
          <Button type="primary" href={withQuery('/api/statistics', { ...query, format: 'xlsx' })} data-testid="export-xlsx">{t('stats.export')}</Button>
        </Space>} />
      {r.error && <Alert type="error" showIcon title={t('error.loadFailed', { message: errorMessage(r.error) })} />}
      {d && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card>
            <Row gutter={16}>
              <Col xs={12} md={4}><Statistic title={t('stats.received')} value={d.totals.received} data-testid="total-received" /></Col>
              <Col xs={12} md={4}><Statistic title={t('stats.finished')} value={d.totals.finished} /></Col>
              <Col xs={12} md={4}><Statistic title={t('stats.onTimeRate')} value={pct(d.totals.onTimeRate)} /></Col>
              <Col xs={12} md={4}><Statistic title={t('stats.oneTripRate')} value={pct(d.totals.oneTripRate)} /></Col>
              <Col xs={12} md={4}><Statistic title={t('stats.satisfaction')} value={pct(d.totals.satisfaction)} /></Col>
              <Col xs={12} md={4}><Statistic title={t('stats.visits')} value={d.totals.visits} /></Col>
            </Row>
            <Row gutter={16} style={{ marginTop: 8 }}>
              <Col xs={24} md={12}><Statistic title={t('stats.coverage')} value={t('stats.coverageValue', { used: d.coverage.villageRoomsUsed, rooms: d.coverage.villageRooms, rate: pct(d.coverage.rate) })} /></Col>
              <Col xs={24} md={12}><Statistic title={t('stats.entry')} value={t('stats.entryValue', { entered: d.entry.enteredUnits, required: d.entry.requiredUnits, rate: pct(d.entry.rate) })} /></Col>
            </Row>
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={12}><Card><StatChart testId="counts-chart" title={t('stats.countsChart')} labels={labels} series={[
              { name: t('stats.received'), kind: 'bar', values: rows.map((x) => x.received) },
              { name: t('stats.finished'), kind: 'bar', values: rows.map((x) => x.finished) },
            ]} /></Card></Col>
            <Col xs={24} lg={12}><Card><StatChart testId="rates-chart" title={t('stats.ratesChart')} labels={labels} series={[
              { name: t('stats.onTimeRate'), kind: 'line', values: rows.map((x) => (x.onTimeRate === null ? null : Math.round(x.onTimeRate * 1000) / 10)) },
              { name: t('stats.oneTripRate'), kind: 'line', values: rows.map((x) => (x.oneTripRate === null ? null : Math.round(x.oneTripRate * 1000) / 10)) },
            ]} /></Card></Col>
          </Row>
          <Card>
            <Table<StatRow> rowKey={(x) => String(x.key)} size="small" dataSource={rows} loading={r.loading} scroll={{ x: 1200 }} pagination={{ pageSize: 20 }}
              data-testid="stats-table"
              columns={[
                { title: t(`stats.group.${groupBy}` as MessageKey).replace(/^按/, ''), dataIndex: 'name', fixed: 'left', width: 200 },
                ...COLUMNS.map((c) => ({
                  title: t(c.label), dataIndex: c.key as string, align: 'right' as const,
                  render: (v: number | null) => (c.format ? c.format(v) : v),
                })),
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('stats.total')}</Table.Summary.Cell>
                  {COLUMNS.map((c, i) => {
                    const v = d.totals[c.key as keyof typeof d.totals] as number | null
                    return <Table.Summary.Cell key={c.key} index={i + 1} align="right">{c.format ? c.format(v) : v}</Table.Summary.Cell>
                  })}
                </Table.Summary.Row>
              )} />
          </Card>
        </Space>
      )}
    </>
  )
}
