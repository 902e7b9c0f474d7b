// 版本记录: every version of an item with its status (草稿 / 已发布 / 已替代) and dates.
import { Table } from 'antd'
import { VersionTag } from '../../components/VersionTag'
import { t } from '../../i18n'
import { dateTime } from '../../lib/format'
import type { VersionSummary } from '../../lib/types'

export function VersionsTable({ versions }: { versions: VersionSummary[] }) {
  return (
    <Table<VersionSummary>
      className="versions-table" rowKey="id" size="small" pagination={false} scroll={{ x: 640 }}
      dataSource={[...versions].sort((a, b) => b.version - a.version)}
      columns={[
        { title: t('version.number'), dataIndex: 'version', width: 80, render: (v: number) => `v${v}` },
        { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: VersionSummary['status']) => <VersionTag status={s} /> },
        { title: t('items.name'), dataIndex: 'name' },
        { title: t('version.createdAt'), dataIndex: 'createdAt', width: 160, render: dateTime },
        { title: t('version.publishedAt'), dataIndex: 'publishedAt', width: 160, render: dateTime },
        { title: t('version.supersededAt'), dataIndex: 'supersededAt', width: 160, render: dateTime },
      ]}
    />
  )
}
