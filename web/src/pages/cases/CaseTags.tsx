// A case's status and its light (绿/黄/红) as tags, the same everywhere.
import { Tag } from 'antd'
import { t, type MessageKey } from '../../i18n'
import { statusText, type Light } from './caseTypes'

const LIGHT_COLOR: Record<Light, string> = { green: 'success', yellow: 'warning', red: 'error' }
const STATUS_COLOR: Record<string, string> = {
  received: 'default', correction: 'orange', refused: 'default', accepted: 'blue', in_review: 'processing', forwarded: 'purple',
  approved: 'green', denied: 'red', answered: 'cyan', closed: 'default',
}

export function LightTag({ light }: { light: Light }) {
  return <Tag color={LIGHT_COLOR[light]} className={`light light-${light}`}>{t(`light.${light}` as MessageKey)}</Tag>
}

export function CaseStatusTag({ status }: { status: string }) {
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{statusText(status)}</Tag>
}
