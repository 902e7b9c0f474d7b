// The small tags the cross-level screens share: a case's status and a light.
import { Tag } from 'antd'
import { t, type MessageKey } from '../../i18n'
import type { Light } from './levelsApi'

const COLORS: Record<Light, string> = { green: 'green', yellow: 'gold', red: 'red' }

export function LightTag({ light }: { light: Light }) {
  return <Tag color={COLORS[light]} data-light={light}>{t(`levels.light.${light}` as MessageKey)}</Tag>
}

export function CaseStatus({ status }: { status: string }) {
  return <Tag data-status={status}>{t(`levels.status.${status}` as MessageKey)}</Tag>
}
