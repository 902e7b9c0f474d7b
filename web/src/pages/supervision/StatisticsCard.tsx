// The workbench card of managers and supervisors: this month's figures of their jurisdiction, linking to 统计分析.
import { Card, Col, Row, Statistic } from 'antd'
import dayjs from 'dayjs'
import { Link } from 'react-router'
import { api } from '../../api'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { MeasureTitle } from './MeasureTitle'
import { pct, type Statistics } from './statistics'

export function StatisticsCard() {
  const from = dayjs().startOf('month').format('YYYY-MM-DD')
  const to = dayjs().format('YYYY-MM-DD')
  const s = useLoad((signal) => api.get<Statistics>('/api/statistics', { from, to, groupBy: 'month' }, signal), [from, to])
  const d = s.data?.totals
  if (!d) return null
  return (
    <Card title={t('stats.card', { from, to })} extra={<Link to="/app/statistics">{t('stats.more')}</Link>} data-testid="statistics-card">
      <Row gutter={16}>
        <Col xs={12} md={4}><Statistic title={<MeasureTitle k="received" label={t('stats.received')} />} value={d.received} /></Col>
        <Col xs={12} md={4}><Statistic title={<MeasureTitle k="finished" label={t('stats.finished')} />} value={d.finished} /></Col>
        <Col xs={12} md={4}><Statistic title={<MeasureTitle k="onTimeRate" label={t('stats.onTimeRate')} />} value={pct(d.onTimeRate)} /></Col>
        <Col xs={12} md={4}><Statistic title={<MeasureTitle k="oneTripRate" label={t('stats.oneTripRate')} />} value={pct(d.oneTripRate)} /></Col>
        <Col xs={12} md={4}><Statistic title={<MeasureTitle k="satisfaction" label={t('stats.satisfaction')} />} value={pct(d.satisfaction)} /></Col>
        <Col xs={12} md={4}><Statistic title={<MeasureTitle k="visits" label={t('stats.visits')} />} value={d.visits} /></Col>
      </Row>
    </Card>
  )
}
