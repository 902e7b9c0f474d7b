// `/app/extensions` 延期审批: a manager's pending extension requests; approving one opens the case's extend form.
import { Table } from 'antd'
import { Link } from 'react-router'
import { api } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { caseColumns } from './CaseTable'
import type { PendingExtension } from './caseTypes'

export default function ExtensionsPage() {
  const list = useLoad((s) => api.get<{ extensions: PendingExtension[] }>('/api/cases/extensions', undefined, s), [])
  return (
    <div>
      <PageHead title={list.data ? t('list.counted', { label: t('extensions.title'), n: list.data.extensions.length }) : t('extensions.title')} />
      <Table<PendingExtension> rowKey="id" loading={list.loading} dataSource={list.data?.extensions ?? []} pagination={false} scroll={{ x: true }}
        locale={{ emptyText: t('extensions.empty') }} className="extensions-table"
        columns={[
          ...caseColumns<PendingExtension>((r) => r.case).filter((c) => c.key !== 'received'),
          { title: t('extensions.days'), key: 'days', render: (_, r) => t('extensions.daysValue', { days: r.days }) },
          { title: t('action.reason'), dataIndex: 'reason' },
          { title: t('extensions.requestedAt'), key: 'at', render: (_, r) => dateTime(r.requestedAt) },
          { title: t('common.actions'), key: 'go', render: (_, r) => <Link to={`/app/cases/${r.case.id}`}>{t('extensions.approve')}</Link> },
        ]} />
    </div>
  )
}
