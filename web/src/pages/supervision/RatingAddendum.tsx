// 追评: the applicant adds to a bad rating once, by the credentials the service was rated with (a case's or a
// consultation's number and query code; a hall ticket's DT-<id> and its slip's token).
import { Alert, Button, Form, Input, Result } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'

export default function RatingAddendum({ number, code }: { number: string; code: string }) {
  const [done, setDone] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (v: { comment: string }) => {
    setError(null)
    try { await api.post('/api/public/ratings/followup', { number, code, comment: v.comment.trim() }); setDone(true) } catch (e) { setError(errorMessage(e)) }
  }
  if (done) return <Result status="success" title={t('rate.addendumDone')} />
  return (
    <Form layout="vertical" onFinish={submit} aria-label={t('rate.addendumTitle')} style={{ textAlign: 'left' }}>
      <p>{t('rate.addendumIntro')}</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="comment" label={t('rate.addendum')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
      <p style={{ color: '#666' }}>{t('rate.confidential')}</p>
      <Button type="primary" htmlType="submit">{t('rate.addendumSubmit')}</Button>
    </Form>
  )
}

/** A number the progress page cannot show but the rating page takes: a consultation's slip (ZX-) or a hall ticket (DT-). */
export const ratedOnlyNumber = (number: string) => /^(ZX|DT)-/i.test(number)
