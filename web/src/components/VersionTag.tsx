// 草稿 / 已发布 / 已替代, optionally with the version number.
import { Tag } from 'antd'
import { t } from '../i18n'
import type { VersionStatus } from '../lib/types'

const COLORS: Record<VersionStatus, string> = { draft: 'orange', published: 'green', superseded: 'default' }

export function VersionTag({ status, version }: { status: VersionStatus; version?: number }) {
  const label = t(`version.${status}`)
  return <Tag color={COLORS[status]}>{version === undefined ? label : t('version.withNumber', { label, version })}</Tag>
}
