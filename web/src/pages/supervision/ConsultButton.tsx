// 登记咨询 in two clicks: the button, then 登记并打印; the slip (number, query code, the rating's QR code) opens to print.
// A phone the applicant gives (optional) brings one invitation to rate 3 days later if the consultation is still unrated.
import { Button, Input, Popconfirm, message } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'

export default function ConsultButton({ itemId }: { itemId?: number }) {
  const [busy, setBusy] = useState(false)
  const [phone, setPhone] = useState('')
  const record = async () => {
    setBusy(true)
    try {
      const q = await api.post<{ id: number }>('/api/consultations', { ...(itemId ? { itemId } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) })
      setPhone('')
      window.open(`/print/consultations/${q.id}`, '_blank')
    } catch (e) { void message.error(errorMessage(e)) } finally { setBusy(false) }
  }
  return (
    <Popconfirm title={t('consult.confirm')} okText={t('consult.ok')} onConfirm={record}
      description={<Input aria-label={t('consult.phone')} placeholder={t('consult.phoneHint')} value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={11} inputMode="tel" style={{ width: 220 }} />}>
      <Button loading={busy}>{t('consult.record')}</Button>
    </Popconfirm>
  )
}
