// The rating form on a served ticket's follow page: the same five levels as a case, once, confidential.
import { Alert, Button, Form, Result } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'
import ScoreFields, { ratingPayload, type ScoreValues } from '../supervision/ScoreFields'

export default function TicketRating({ id, token, rated }: { id: number; token: string; rated: boolean }) {
  const [done, setDone] = useState(rated)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (v: ScoreValues) => {
    setBusy(true); setError(null)
    try {
      await api.post(`/api/public/tickets/${id}/rating`, { token, ...ratingPayload(v) })
      setDone(true)
    } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }
  if (done) return <Result status="success" title={t(rated ? 'follow.rated' : 'rate.thanks')} subTitle={t('rate.confidential')} />
  return (
    <Form layout="vertical" onFinish={submit} aria-label={t('follow.rateTitle')} style={{ textAlign: 'left', marginTop: 16 }}>
      <h3>{t('follow.rateTitle')}</h3>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <ScoreFields />
      <Button type="primary" htmlType="submit" loading={busy}>{t('rate.submit')}</Button>
    </Form>
  )
}
