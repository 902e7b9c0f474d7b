// `/ratings/public?centerId=&month=` 好差评公开 (no login): the 附录B values of a center (and those below it) and a
// month, with each measure's written definition; figures only, never a comment.
import { Card, Col, Descriptions, Input, Row, Select, Statistic, Tooltip, Typography } from 'antd'
import { useSearchParams } from 'react-router'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import type { PublicCenter } from '../../lib/types'
import type { ApiResponse } from '../../lib/apiTypes'

type Summary = ApiResponse<'/api/public/ratings/summary', 'get'>

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`)
const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)

export default function PublishedRatingsPage() {
  const [params, setParams] = useSearchParams()
  const centers = useLoad((s) => api.get<{ centers: PublicCenter[] }>('/api/public/centers', undefined, s), [])
  const list = (centers.data?.centers ?? []).filter((c) => c.level !== 'village')
  const centerId = Number(params.get('centerId')) || list[0]?.id
  const month = params.get('month') ?? thisMonth()
  const summary = useLoad((s) => (centerId ? api.get<Summary>('/api/public/ratings/summary', { centerId, month }, s) : Promise.resolve(null)), [centerId, month])
  const set = (k: string, v: string) => setParams({ centerId: String(centerId ?? ''), month, [k]: v })
  const s = summary.data
  const measure = (key: 'goodRate' | 'badCount' | 'badFixedRate' | 'ratedRate', value: string | number) => (
    <Col xs={12} md={6} key={key}>
      <Card><Tooltip title={s?.definitions[key]}><Statistic title={t(`published.${key}`)} value={value} /></Tooltip></Card>
    </Col>
  )
  return (
    <div style={{ maxWidth: 960, margin: '0 auto' }}>
      <Typography.Title level={3}>{t('published.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('published.intro')}</Typography.Paragraph>
      <Row gutter={12} style={{ marginBottom: 16 }}>
        <Col xs={24} md={12}>
          <Select style={{ width: '100%' }} aria-label={t('published.center')} value={centerId} loading={centers.loading}
            onChange={(v: number) => set('centerId', String(v))} options={list.map((c) => ({ value: c.id, label: c.name }))} />
        </Col>
        <Col xs={24} md={6}>
          <Input type="month" aria-label={t('published.month')} value={month} onChange={(e) => e.target.value && set('month', e.target.value)} />
        </Col>
      </Row>
      {summary.error ? <Typography.Text type="danger">{errorMessage(summary.error)}</Typography.Text> : null}
      {s && (
        <>
          <Row gutter={[12, 12]} className="published-measures">
            {measure('goodRate', pct(s.goodRate))}
            {measure('badCount', s.badCount)}
            {measure('badFixedRate', pct(s.badFixedRate))}
            {measure('ratedRate', pct(s.ratedRate))}
          </Row>
          <Card style={{ marginTop: 16 }}>
            <Descriptions column={{ xs: 1, md: 3 }} size="small">
              <Descriptions.Item label={t('published.ratings')}>{s.ratings}</Descriptions.Item>
              <Descriptions.Item label={t('published.finished')}>{s.finished}</Descriptions.Item>
              <Descriptions.Item label={t('published.rated')}>{s.rated}</Descriptions.Item>
              {s.byScore.map((b) => <Descriptions.Item key={b.score} label={b.name}>{b.ratings}</Descriptions.Item>)}
            </Descriptions>
            <ul style={{ color: '#666', marginTop: 12 }}>{Object.values(s.definitions).map((d) => <li key={d}>{d}</li>)}</ul>
          </Card>
        </>
      )}
    </div>
  )
}
