// The catalog check against the law on publishing: the server names each field that does not fit the item's 事项类型
// (409 catalog_check); the editor fixes the draft or publishes anyway with a written reason, kept with the version.
import { Alert, App, Input, Modal } from 'antd'
import { useState } from 'react'
import { api, ApiError, errorMessage } from '../../api'
import { t } from '../../i18n'

interface Warning { field: string; message: string }

/** publish(): tries to publish; on catalog_check opens the dialog that asks for a reason. */
export function usePublishCheck(itemId: number, success: string, onDone: () => void) {
  const { message, modal } = App.useApp()
  const [warnings, setWarnings] = useState<Warning[] | null>(null)
  const [reason, setReason] = useState('')
  const post = async (body?: { reason: string }) => {
    try {
      await api.post(`/api/items/${itemId}/publish`, body)
      setWarnings(null)
      void message.success(success)
      onDone()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'catalog_check') setWarnings((e.details as { warnings: Warning[] }).warnings)
      else modal.error({ title: t('items.publishFailed'), content: errorMessage(e) })
    }
  }
  const dialog = (
    <Modal open={warnings !== null} title={t('items.checkTitle')} okText={t('items.publishAnyway')} okButtonProps={{ disabled: reason.trim() === '' }}
      onOk={() => void post({ reason: reason.trim() })} onCancel={() => setWarnings(null)}>
      <Alert type="warning" showIcon title={t('items.checkText')} style={{ marginBottom: 12 }}
        description={<ul className="catalog-check">{(warnings ?? []).map((w) => <li key={w.field + w.message}>{w.message}</li>)}</ul>} />
      <Input.TextArea aria-label={t('items.publishReason')} placeholder={t('items.publishReason')} rows={3} maxLength={1000}
        value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  )
  return { publish: () => post(), dialog }
}
