// `/`: what the service network is, and the way into the guide and the staff login.
import { Alert, Button, Card, Col, Row, Space, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import { api, ApiError } from '../../api'
import { t } from '../../i18n'
import type { PublicCenter } from '../../lib/types'
import { useLoad } from '../../lib/useLoad'

export function HomePage() {
  const centers = useLoad(async (signal) => {
    try {
      return (await api.get<{ centers: PublicCenter[] }>('/api/public/centers', undefined, signal)).centers
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null // not published yet
      throw e
    }
  }, [])

  return (
    <div>
      <section className="hero">
        <h1>{t('app.title')}</h1>
        <p>{t('home.heroText')}</p>
        <Space wrap>
          <Link to="/guide"><Button size="large" className="hero-primary">{t('home.guide')}</Button></Link>
          <Link to="/hall/book"><Button size="large" ghost>{t('home.book')}</Button></Link>
          <Link to="/progress"><Button size="large" ghost>{t('progress.homeLink')}</Button></Link>
          <Link to="/ratings/public"><Button size="large" ghost>{t('published.link')}</Button></Link>
          <Link to="/login"><Button size="large" ghost>{t('home.login')}</Button></Link>
        </Space>
      </section>
      <Typography.Title level={2}>{t('home.network')}</Typography.Title>
      {centers.data === null || centers.error ? (
        <Alert type="info" showIcon title={t('home.networkUnavailable')} />
      ) : (
        <Network centers={centers.data ?? []} loading={centers.loading} />
      )}
    </div>
  )
}

function Network({ centers, loading }: { centers: PublicCenter[]; loading: boolean }) {
  const count = (level: string) => centers.filter((c) => c.level === level).length
  const shown = centers.filter((c) => c.level !== 'village')
  const villagesUnder = (id: number) => centers.filter((c) => c.parentId === id && c.level === 'village').length
  return (
    <>
      {!loading && (
        <Typography.Paragraph className="network-count">
          {t('home.networkCount', { district: count('district'), town: count('town'), village: count('village') })}
        </Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        {(loading ? [] : shown).map((c) => (
          <Col key={c.id} xs={24} md={12}>
            <Card title={c.name} extra={<Tag color={c.level === 'district' ? 'red' : 'blue'}>{t(`levelShort.${c.level}`)}</Tag>}>
              <div className="center-facts">
                <div>{t('common.address')}：{c.address || '—'}</div>
                <div>{t('common.phone')}：{c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : '—'}</div>
                <div>{t('common.hours')}：{c.hours || '—'}</div>
                {c.level === 'town' && <div>{t('home.villages', { count: villagesUnder(c.id) })}</div>}
                <div><Link to={`/hall/book?centerId=${c.id}`}>{t('home.bookAt', { center: c.name })}</Link></div>
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      {loading && <Card loading />}
    </>
  )
}
