// `/rate?number=&code=` (public: the progress page's 评价 button, the QR code and short link on the 办结通知书 and the
// 不予受理/不予许可 documents, the consultation slip) and `/pad/rate` (the window pad): the applicant rates a finished
// service once on the national form; after a bad rating, one 追评. Staff cannot rate for them: the server takes the
// number and query code the applicant holds.
import { Alert, Button, Card, Form, Input, Result } from 'antd'
import RatingAddendum from './RatingAddendum'
import { useEffect, useState } from 'react'
import { useLocation, useSearchParams } from 'react-router'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import ScoreFields, { ratingPayload, type ScoreValues } from './ScoreFields'
import type { ApiResponse } from '../../lib/apiTypes'

type RatingState = ApiResponse<'/api/public/ratings/state', 'get'>

export default function RatePage() {
  const [params] = useSearchParams()
  const pad = useLocation().pathname.startsWith('/pad')
  const number = params.get('number')?.trim() ?? ''
  const code = params.get('code')?.trim() ?? ''
  const state = useLoad((s) => (number && code ? api.get<RatingState>('/api/public/ratings/state', { number, code }, s) : Promise.resolve(null)), [number, code])
  const [done, setDone] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // Province-page mode (EXCHANGE_RATING_PAGE_URL): the province's own rating page, with the case's fields signed.
  const [provincePage, setProvincePage] = useState<string | null>(null)
  useEffect(() => {
    if (pad || !number || !code) return
    api.get<{ url: string }>('/api/public/exchange/rating-page', { number, code }).then((r) => setProvincePage(r.url), () => setProvincePage(null))
  }, [pad, number, code])
  const submit = async (v: ScoreValues & { number: string; code: string }) => {
    setBusy(true); setError(null)
    try {
      await api.post('/api/public/ratings', { number: v.number.trim(), code: v.code.trim(), source: pad ? 'pad' : 'progress', ...ratingPayload(v) })
      setDone(true)
    } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }
  if (done) return <Result status="success" title={t('rate.thanks')} subTitle={t('rate.confidential')} />
  if (provincePage) {
    return (
      <Card title={t('rate.title')} style={{ maxWidth: 640, margin: '24px auto' }}>
        <p>{t('rate.provinceHint')}</p>
        <Button type="primary" href={provincePage} data-testid="province-rating">{t('rate.provincePage')}</Button>
      </Card>
    )
  }
  const s = state.data
  return (
    <Card title={t(s?.addendumAllowed ? 'rate.addendumTitle' : pad ? 'rate.padTitle' : 'rate.title')} style={{ maxWidth: 640, margin: '24px auto' }}>
      {s?.addendumAllowed ? <RatingAddendum number={number} code={code} /> : (
        <>
          {s?.rated && <Alert type="info" showIcon title={t('rate.already')} style={{ marginBottom: 16 }} />}
          {s && !s.rated && !s.ratable && <Alert type="warning" showIcon title={t('rate.notYet')} style={{ marginBottom: 16 }} />}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form layout="vertical" onFinish={submit} initialValues={{ number, code }}>
            <Form.Item name="number" label={t('rate.number')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item>
            <Form.Item name="code" label={t('rate.code')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item>
            <ScoreFields large={pad} />
            <Button type="primary" htmlType="submit" loading={busy} size={pad ? 'large' : 'middle'} disabled={s?.rated}>{t('rate.submit')}</Button>
          </Form>
        </>
      )}
    </Card>
  )
}
