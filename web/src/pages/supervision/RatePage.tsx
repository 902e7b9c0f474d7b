// `/rate` (public, linked from the progress page and the 办结通知's QR code) and `/pad/rate` (the window pad):
// the applicant rates a closed case with five levels and an optional comment. Staff cannot rate for them: the
// server takes the case number and query code the applicant holds.
import { Alert, Button, Card, Form, Input, Result } from 'antd'
import { useEffect, useState } from 'react'
import { useLocation, useSearchParams } from 'react-router'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'
import ScoreFields from './ScoreFields'

export default function RatePage() {
  const [params] = useSearchParams()
  const pad = useLocation().pathname.startsWith('/pad')
  const [done, setDone] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // Province-page mode (EXCHANGE_RATING_PAGE_URL): the province's own rating page, with the case's fields signed.
  const [provincePage, setProvincePage] = useState<string | null>(null)
  useEffect(() => {
    const number = params.get('number'); const code = params.get('code')
    if (pad || !number || !code) return
    api.get<{ url: string }>('/api/public/exchange/rating-page', { number, code }).then((r) => setProvincePage(r.url), () => setProvincePage(null))
  }, [pad, params])
  const submit = async (v: { number: string; code: string; score: number; comment?: string }) => {
    setBusy(true); setError(null)
    try {
      await api.post('/api/public/ratings', { ...v, number: v.number.trim(), code: v.code.trim(), source: pad ? 'pad' : 'progress' })
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
  return (
    <Card title={t(pad ? 'rate.padTitle' : 'rate.title')} style={{ maxWidth: 640, margin: '24px auto' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={submit} initialValues={{ number: params.get('number') ?? '', code: params.get('code') ?? '' }}>
        <Form.Item name="number" label={t('rate.number')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item>
        <Form.Item name="code" label={t('rate.code')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item>
        <ScoreFields large={pad} />
        <Button type="primary" htmlType="submit" loading={busy} size={pad ? 'large' : 'middle'}>{t('rate.submit')}</Button>
      </Form>
    </Card>
  )
}
