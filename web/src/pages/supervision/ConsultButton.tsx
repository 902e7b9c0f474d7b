// 登记咨询 in two clicks: the button, then 登记并打印; the slip (number, query code, the rating's QR code) opens to print.
import { Button, Popconfirm, message } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'

export default function ConsultButton({ itemId }: { itemId?: number }) {
  const [busy, setBusy] = useState(false)
  const record = async () => {
    setBusy(true)
    try {
      const q = await api.post<{ id: number }>('/api/consultations', itemId ? { itemId } : {})
      window.open(`/print/consultations/${q.id}`, '_blank')
    } catch (e) { void message.error(errorMessage(e)) } finally { setBusy(false) }
  }
  return (
    <Popconfirm title={t('consult.confirm')} okText={t('consult.ok')} onConfirm={record}>
      <Button loading={busy}>{t('consult.record')}</Button>
    </Popconfirm>
  )
}
