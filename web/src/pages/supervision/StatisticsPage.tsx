// `/app/statistics` 统计分析: a date range and a dimension; charts of counts and rates, the table, the Excel download.
import { Alert, Button, Card, Col, DatePicker, Row, Segmented, Select, Space, Statistic, Table } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { api, errorMessage, withQuery } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t, type MessageKey } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import type { MeasureKey } from '../../../../src/domain/statistics-measures'
import { ChannelsCard } from './ChannelsCard'
import { MeasureTitle } from './MeasureTitle'
import { StatChart } from './StatChart'
import { chartRows, GROUP_BYS, num, pct, type GroupBy, type Level, type StatRow, type Statistics } from './statistics'

const COLUMNS: { key: keyof StatRow; label: MessageKey; measure?: MeasureKey; format?: (v: number | null) => string }[] = [
  { key: 'received', label: 'stats.received', measure: 'received' }, { key: 'accepted', label: 'stats.accepted', measure: 'accepted' },
  { key: 'refused', label: 'stats.refused', measure: 'refused' }, { key: 'finished', label: 'stats.finished', measure: 'finished' },
  { key: 'early', label: 'stats.early' }, { key: 'late', label: 'stats.late' },
  { key: 'onTimeRate', label: 'stats.onTimeRate', measure: 'onTimeRate', format: pct }, { key: 'avgWorkdays', label: 'stats.avgWorkdays', measure: 'avgWorkdays', format: num },
  { key: 'tripsPerCase', label: 'stats.tripsPerCase', measure: 'tripsPerCase', format: num }, { key: 'oneTripRate', label: 'stats.oneTripRate', measure: 'oneTripRate', format: pct },
  { key: 'visits', label: 'stats.visits', measure: 'visits' }, { key: 'rated', label: 'stats.rated', measure: 'rated' },
  { key: 'satisfaction', label: 'stats.satisfaction', measure: 'satisfaction', format: pct },
]
const title = (c: (typeof COLUMNS)[number]) => (c.measure ? <MeasureTitle k={c.measure} label={t(c.label)} /> : t(c.label))
const LEVELS: Level[] = ['district', 'town', 'village']

export default function StatisticsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()])
  const [groupBy, setGroupBy] = useState<GroupBy>('center')
  const [level, setLevel] = useState<Level>('town')
  const query = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), groupBy }
  const r = useLoad((s) => api.get<Statistics>('/api/statistics', query, s), [query.from, query.to, groupBy])
  const d = r.data
  const rows = d?.rows ?? []
  // the charts: one level of centers at a time, the top ones and 其他 (the table keeps every row)
  const shown = chartRows(rows, groupBy, level, t('stats.others'))
  const labels = shown.map((x) => x.name)
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
              <Col xs={12} md={4}><Statistic title={<MeasureTitle k="received" label={t('stats.received')} />} value={d.totals.received} data-testid="total-received" /></Col>
              <Col xs={12} md={4}><Statistic title={<MeasureTitle k="finished" label={t('stats.finished')} />} value={d.totals.finished} /></Col>
              <Col xs={12} md={4}><Statistic title={<MeasureTitle k="onTimeRate" label={t('stats.onTimeRate')} />} value={pct(d.totals.onTimeRate)} /></Col>
              <Col xs={12} md={4}><Statistic title={<MeasureTitle k="oneTripRate" label={t('stats.oneTripRate')} />} value={pct(d.totals.oneTripRate)} /></Col>
              <Col xs={12} md={4}><Statistic title={<MeasureTitle k="satisfaction" label={t('stats.satisfaction')} />} value={pct(d.totals.satisfaction)} data-testid="total-satisfaction" /></Col>
              <Col xs={12} md={4}><Statistic title={<MeasureTitle k="visits" label={t('stats.visits')} />} value={d.totals.visits} /></Col>
            </Row>
            <Row gutter={16} style={{ marginTop: 8 }}>
              <Col xs={24} md={12}><Statistic title={<MeasureTitle k="villageCoverage" label={t('stats.coverage')} />} value={t('stats.coverageValue', { used: d.coverage.villageRoomsUsed, rooms: d.coverage.villageRooms, rate: pct(d.coverage.rate) })} data-testid="coverage" /></Col>
              <Col xs={24} md={12}><Statistic title={<MeasureTitle k="entryRate" label={t('stats.entry')} />} value={t('stats.entryValue', { entered: d.entry.enteredUnits, required: d.entry.requiredUnits, rate: pct(d.entry.rate) })} data-testid="entry" /></Col>
            </Row>
          </Card>
          {groupBy === 'center' && (
            <Segmented<Level> value={level} onChange={setLevel} data-testid="chart-level"
              options={LEVELS.map((l) => ({ value: l, label: t(`stats.level.${l}` as MessageKey) }))} />
          )}
          <Row gutter={16}>
            <Col xs={24} lg={12}><Card><StatChart testId="counts-chart" title={t('stats.countsChart')} labels={labels} series={[
              { name: t('stats.received'), kind: 'bar', values: shown.map((x) => x.received) },
              { name: t('stats.finished'), kind: 'bar', values: shown.map((x) => x.finished) },
            ]} /></Card></Col>
            <Col xs={24} lg={12}><Card><StatChart testId="rates-chart" title={t('stats.ratesChart')} labels={labels} series={[
              { name: t('stats.onTimeRate'), kind: 'line', values: shown.map((x) => (x.onTimeRate === null ? null : Math.round(x.onTimeRate * 1000) / 10)) },
              { name: t('stats.oneTripRate'), kind: 'line', values: shown.map((x) => (x.oneTripRate === null ? null : Math.round(x.oneTripRate * 1000) / 10)) },
            ]} /></Card></Col>
          </Row>
          <Card>
            <Table<StatRow> rowKey={(x) => String(x.key)} size="small" dataSource={rows} loading={r.loading} scroll={{ x: 1200 }} pagination={{ pageSize: 20 }}
              data-testid="stats-table"
              columns={[
                { title: t(`stats.group.${groupBy}` as MessageKey).replace(/^按/, ''), dataIndex: 'name', fixed: 'left', width: 200 },
                ...COLUMNS.map((c) => ({
                  title: title(c), dataIndex: c.key as string, align: 'right' as const,
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
          <ChannelsCard from={query.from} to={query.to} />
        </Space>
      )}
    </>
  )
}
