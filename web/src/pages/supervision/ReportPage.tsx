// `/app/report`: the operations report (运行情况) for a period (from-date and as-of date): the figures, the problems
// the report names, its charts (the same ECharts definitions the Word document is drawn from) and the downloads.
import { Alert, Button, Card, Col, DatePicker, Descriptions, Row, Space, Statistic, Table } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { api, errorMessage, withQuery } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { MeasureTitle } from './MeasureTitle'
import { StatChart } from './StatChart'
import type { ApiResponse } from '../../lib/apiTypes'

type Town = Report['towns'][number]
type Report = ApiResponse<'/api/reports/operations', 'get'>
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`)

export default function ReportPage() {
  const [asOf, setAsOf] = useState<Dayjs | null>(null)
  const [from, setFrom] = useState<Dayjs | null>(null)
  const q = { ...(asOf ? { asOf: asOf.format('YYYY-MM-DD') } : {}), ...(from ? { casesFrom: from.format('YYYY-MM-DD') } : {}) }
  const r = useLoad((s) => api.get<Report>('/api/reports/operations', q, s), [asOf?.valueOf(), from?.valueOf()])
  const d = r.data
  const download = (format: string) => withQuery('/api/reports/operations', { ...(d ? { asOf: d.asOf, casesFrom: d.casesFrom } : {}), format })
  const p = d?.problems
  return (
    <>
      <PageHead title={t('report.title')} extra={
        <Space>
          <DatePicker aria-label={t('report.from')} placeholder={t('report.from')} value={from ?? (d ? dayjs(d.casesFrom) : null)} onChange={setFrom} allowClear={false} data-testid="report-from" />
          <DatePicker aria-label={t('report.asOf')} placeholder={t('report.asOf')} value={asOf ?? (d ? dayjs(d.asOf) : null)} onChange={setAsOf} allowClear={false} data-testid="report-asof" />
          <Button href={download('markdown')} data-testid="download-markdown">{t('report.markdown')}</Button>
          <Button type="primary" href={download('docx')} data-testid="download-docx">{t('report.docx')}</Button>
        </Space>} />
      {r.error && <Alert type="error" showIcon title={t('error.loadFailed', { message: errorMessage(r.error) })} />}
      {d?.demoHistory?.status === 'running' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('report.loadingHistory', { done: d.demoHistory.through ?? '—', total: d.demoHistory.to })} />}
      {d && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={t('report.network')}>
            <Descriptions column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('report.district')}>{d.network.districtCenters}</Descriptions.Item>
              <Descriptions.Item label={t('report.towns')}>{d.network.townCenters}</Descriptions.Item>
              <Descriptions.Item label="村级便民服务室">{d.network.villageRooms}</Descriptions.Item>
            </Descriptions>
            {d.district && (
              <p data-testid="district-line">
                应进必进 {d.district.requiredUnits} 家，已进驻 {d.district.enteredUnits} 家；窗口 {d.district.windows} 个；事项 {d.district.items} 项（
                {d.district.itemsByDepartment.map((x) => `${x.department}${x.items}项`).join('、')}）；窗口工作人员 {d.district.windowStaff} 名，管理人员 {d.district.managers} 名。
              </p>
            )}
          </Card>
          <Card title={t('report.towns')}>
            <Table<Town> rowKey="centerId" size="small" pagination={false} dataSource={d.towns} scroll={{ x: 800 }} columns={[
              { title: t('report.town'), dataIndex: 'name' },
              { title: t('report.windows'), dataIndex: 'windows' },
              { title: t('report.staff'), dataIndex: 'staff' },
              { title: t('report.items'), dataIndex: 'items' },
              { title: t('report.categories'), dataIndex: 'itemCategories' },
              { title: t('report.cases', { from: d.towns[0]?.casesSince.from ?? '' }), render: (_: unknown, x) => x.casesSince.count },
              { title: t('report.visits', { from: d.towns[0]?.visits.from ?? '', to: d.asOf }), render: (_: unknown, x) => x.visits.count },
            ]} />
            <StatChart testId="towns-chart" title={t('report.chart')} unit="件" labels={d.towns.map((x) => x.name)}
              series={[{ name: t('report.accepted'), kind: 'bar', values: d.towns.map((x) => x.casesSince.count) }]} />
          </Card>
          <Card title={t('report.measures', { from: d.casesFrom, to: d.asOf })}>
            <Row gutter={16}>
              <Col xs={12} md={6}><Statistic title={<MeasureTitle k="onTimeRate" />} value={pct(d.measures.onTimeRate)} /></Col>
              <Col xs={12} md={6}><Statistic title={<MeasureTitle k="oneTripRate" />} value={pct(d.measures.oneTripRate)} /></Col>
              <Col xs={12} md={6}><Statistic title={<MeasureTitle k="villageCoverage" />} value={pct(d.measures.villageCoverage)} data-testid="report-coverage" /></Col>
              <Col xs={12} md={6}><Statistic title={<MeasureTitle k="satisfaction" />} value={pct(d.measures.satisfaction)} data-testid="report-satisfaction" /></Col>
            </Row>
            {d.months.length > 1 && <StatChart testId="months-chart" title={t('report.monthsChart')} unit="件" labels={d.months.map((x) => x.month)} series={[
              { name: t('report.accepted'), kind: 'bar', values: d.months.map((x) => x.accepted) }, { name: t('report.finished'), kind: 'line', values: d.months.map((x) => x.finished) }]} />}
          </Card>
          {p && (
            <Card title={t('report.problems')} data-testid="report-problems">
              <ul>
                {p.unitsNotEntered.length > 0 && <li>{t('report.problem.units', { n: p.unitsNotEntered.length, names: p.unitsNotEntered.join('、') })}</li>}
                {p.lateSteps.length > 0 && <li>{t('report.problem.late', { list: p.lateSteps.slice(0, 5).map((x) => `${x.department} ${x.late}/${x.steps}`).join('、') })}</li>}
                {p.leastUsedTown && <li>{t('report.problem.least', { ...p.leastUsedTown })}</li>}
                {p.idleVillageRooms.length > 0 && <li>{t('report.problem.idle', { n: p.idleVillageRooms.reduce((n, x) => n + x.rooms, 0), list: p.idleVillageRooms.map((x) => `${x.town} ${x.rooms}`).join('、') })}</li>}
              </ul>
            </Card>
          )}
        </Space>
      )}
    </>
  )
}
