// `/progress?number=&code=` 办理进度查询: no login, phone first. The QR code on every printed notice opens it prefilled;
// it shows the masked name, the status and every event with the center where it happened.
import { Alert, Button, Card, Descriptions, Form, Input, Tag, Timeline, Typography } from 'antd'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { ratedOnlyNumber } from '../supervision/RatingAddendum'
import { api, ApiError, errorMessage } from '../../api'
import { t, type MessageKey } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { CaseStatusTag, LightTag } from '../cases/CaseTags'
import type { Progress } from '../cases/caseTypes'

function failure(e: unknown): string {
  if (e instanceof ApiError && e.status === 404) return t('progress.notFound')
  if (e instanceof ApiError && e.status === 429) return t('progress.tooMany')
  return errorMessage(e)
}

/** 好差评 from the progress page: 评价 once the service is finished, 追评 after a bad rating (the server decides). */
function RatingButton({ number, code, stamp }: { number: string; code: string; stamp: string }) {
  const state = useLoad((s) => api.get<{ ratable: boolean; rated: boolean; addendumAllowed: boolean }>('/api/public/ratings/state', { number, code }, s), [number, code, stamp])
  const s = state.data
  if (!s || (!s.ratable && !s.rated)) return null
  const to = `/rate?${new URLSearchParams({ number, code }).toString()}`
  if (s.ratable) return <Link to={to}><Button type="primary" size="large" block style={{ marginTop: 16 }}>{t('rate.button')}</Button></Link>
  return (
    <div style={{ marginTop: 16 }}>
      <Tag color="green">{t('rate.rated')}</Tag>
      {s.addendumAllowed && <Link to={to}><Button size="small">{t('rate.addendumButton')}</Button></Link>}
    </div>
  )
}

export default function ProgressPage() {
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  // A consultation's slip or a hall ticket (its invitation to rate): no progress to show, straight to the rating page
  // (a ticket's token is case-sensitive, a query code is not).
  const query = (v: { number: string; code: string }) => {
    const n = v.number.trim().toUpperCase()
    if (ratedOnlyNumber(n)) navigate(`/rate?${new URLSearchParams({ number: n, code: n.startsWith('DT-') ? v.code.trim() : v.code.trim().toUpperCase() }).toString()}`)
    else setParams({ number: v.number.trim(), code: v.code.trim().toUpperCase() })
  }
  const number = params.get('number')?.trim() ?? ''
  const code = params.get('code')?.trim() ?? ''
  const result = useLoad((s) => (number && code ? api.get<Progress>('/api/public/progress', { number, code }, s) : Promise.resolve(null)), [number, code])
  const p = result.data
  return (
    <div className="progress-page" style={{ maxWidth: 640, margin: '0 auto' }}>
      <Typography.Title level={1}>{t('progress.title')}</Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t('progress.intro')}</Typography.Paragraph>
        <Form layout="vertical" initialValues={{ number, code }} key={`${number}/${code}`}
          onFinish={query}>
          <Form.Item name="number" label={t('progress.number')} rules={[{ required: true, whitespace: true }]}><Input size="large" inputMode="text" autoComplete="off" /></Form.Item>
          <Form.Item name="code" label={t('progress.code')} rules={[{ required: true, whitespace: true }]}><Input size="large" autoComplete="off" /></Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={result.loading && !!number}>{t('progress.query')}</Button>
        </Form>
      </Card>
      {result.error ? <Alert style={{ marginTop: 16 }} type="error" showIcon title={failure(result.error)} /> : null}
      {p && !p.bundle && <CaseProgress p={p} code={code} />}
      {p?.bundle && (
        <>
          <Card style={{ marginTop: 16 }} title={p.bundle.name} extra={<CaseStatusTag status={p.status} />} className="progress-bundle">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('progress.number')}>{p.number}</Descriptions.Item>
              <Descriptions.Item label={t('progress.applicant')}>{p.applicantName}</Descriptions.Item>
              <Descriptions.Item label={t('progress.bundleParts')}>{t('progress.bundlePartsCount', { count: p.bundle.parts.length, done: p.bundle.parts.filter((x) => x.status === 'closed').length })}</Descriptions.Item>
            </Descriptions>
          </Card>
          {p.bundle.parts.map((part) => <CaseProgress key={part.number} p={part} />)}
        </>
      )}
    </div>
  )
}

/** 容缺受理: what the applicant must still hand in and by when (or that it is done). */
function CommitmentNotice({ c }: { c: NonNullable<Progress['commitment']> }) {
  return c.done
    ? <Alert className="progress-commitment" type="success" showIcon title={t('progress.commitmentDone', { names: c.materials.join('、') })} style={{ marginBottom: 12 }} />
    : <Alert className="progress-commitment" type="warning" showIcon title={t('progress.commitmentDue', { names: c.materials.join('、'), date: c.dueDate })} description={t('progress.commitmentWays')} style={{ marginBottom: 12 }} />
}

/** One case's progress (or one part of a bundle: no rating button, the bundle's code is not the part's). */
function CaseProgress({ p, code }: { p: Omit<Progress, 'bundle'>; code?: string }) {
  return (
    <Card style={{ marginTop: 16 }} title={p.itemName} extra={<CaseStatusTag status={p.status} />} className="progress-result" data-number={p.number}>
      {p.commitment && <CommitmentNotice c={p.commitment} />}
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('progress.number')}>{p.number}</Descriptions.Item>
        <Descriptions.Item label={t('progress.applicant')}>{p.applicantName}</Descriptions.Item>
        <Descriptions.Item label={t('case.acceptedAt')}>{dateTime(p.acceptedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('case.dueDate')}>{p.dueDate ?? '—'} {p.acceptedAt && p.status !== 'closed' && <LightTag light={p.light} />}{p.suspended && <Tag color="orange">{t('case.suspended')}</Tag>}</Descriptions.Item>
      </Descriptions>
      {code && <RatingButton number={p.number} code={code} stamp={`${p.status}/${p.events.length}`} />}
      <Typography.Title level={2}>{t('progress.events')}</Typography.Title>
      <Timeline className="progress-events" items={[...p.events].reverse().map((e) => ({
        content: (
          <div>
            <div><strong>{e.note || t(`caseStatus.${e.status}` as MessageKey)}</strong></div>
            <Typography.Text type="secondary">{dateTime(e.at)} · {e.centerName}</Typography.Text>
          </div>
        ),
      }))} />
    </Card>
  )
}
