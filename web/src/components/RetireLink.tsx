// 停用 / 撤销 after a confirmation: POST `url`; a refusal shows the server's reason in a dialog.
import { Popconfirm } from 'antd'
import { api } from '../api'
import { t } from '../i18n'
import { useAction } from '../lib/useAction'

interface Props { url: string; confirm: string; onDone(): void; label?: string; success?: string; failTitle?: string }

export function RetireLink({ url, confirm, onDone, label = t('common.retire'), success = t('common.retiredOk'), failTitle = t('common.retireFailed') }: Props) {
  const run = useAction()
  return (
    <Popconfirm title={confirm} onConfirm={() => run(() => api.post(url), { success, failTitle, then: onDone })}>
      <a className="danger-link">{label}</a>
    </Popconfirm>
  )
}
