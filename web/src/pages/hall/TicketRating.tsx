// The rating form on a served ticket's follow page: the same five levels as a case, once, confidential; after a bad
// rating, its one 追评 (by the ticket's rating number DT-<id> and the slip's token).
import { Alert, Button, Form, Result } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'
import RatingAddendum from '../supervision/RatingAddendum'
import ScoreFields, { ratingPayload, type ScoreValues } from '../supervision/ScoreFields'

export default function TicketRating({ id, token, rated, addendumAllowed, ratingNumber }: { id: number; token: string; rated: boolean; addendumAllowed: boolean; ratingNumber: string }) {
  const [done, setDone] = useState(rated)
  const [addendum, setAddendum] = useState(addendumAllowed)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (v: ScoreValues) => {
    setBusy(true); setError(null)
    try {
      await api.post(`/api/public/tickets/${id}/rating`, { token, ...ratingPayload(v) })
      setDone(true)
      setAddendum(v.score <= 2)
    } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }
  if (done) {
    return (
      <>
        <Result status="success" title={t(rated ? 'follow.rated' : 'rate.thanks')} subTitle={addendum ? undefined : t('rate.confidential')} />
        {addendum && <><h3>{t('rate.addendumTitle')}</h3><RatingAddendum number={ratingNumber} code={token} /></>}
      </>
    )
  }
  return (
    <Form layout="vertical" onFinish={submit} aria-label={t('follow.rateTitle')} style={{ textAlign: 'left', marginTop: 16 }}>
      <h3>{t('follow.rateTitle')}</h3>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <ScoreFields />
      <Button type="primary" htmlType="submit" loading={busy}>{t('rate.submit')}</Button>
    </Form>
  )
}
