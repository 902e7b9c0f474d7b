// A list of cases (number, item, applicant masked, status, due date and light) with a link to each case page.
import { Table } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { Link } from 'react-router'
import { t } from '../../i18n'
import { dateTime } from '../../lib/format'
import { CaseStatusTag, LightTag } from './CaseTags'
import type { CaseItem, CaseSummary } from './caseTypes'

export function caseColumns<T>(get: (row: T) => CaseItem): ColumnsType<T> {
  return [
    { title: t('case.number'), key: 'number', render: (_, r) => <Link to={`/app/cases/${get(r).id}`} className="code-cell">{get(r).number}</Link> },
    { title: t('case.item'), key: 'item', render: (_, r) => get(r).itemName },
    { title: t('case.applicant'), key: 'applicant', render: (_, r) => `${get(r).applicant.name} ${get(r).applicant.idNumber}` },
    { title: t('case.status'), key: 'status', render: (_, r) => <CaseStatusTag status={get(r).status} /> },
    { title: t('case.receivedAt'), key: 'received', render: (_, r) => dateTime(get(r).receivedAt) },
    { title: t('case.dueDate'), key: 'due', render: (_, r) => get(r).dueDate ?? '—' },
    { title: t('case.light'), key: 'light', render: (_, r) => <LightTag light={get(r).light} /> },
  ]
}

export function CaseTable({ cases, loading }: { cases: CaseSummary[]; loading?: boolean }) {
  return <Table<CaseSummary> rowKey="id" size="middle" loading={loading} dataSource={cases} pagination={false} scroll={{ x: true }}
    locale={{ emptyText: t('cases.empty') }} columns={caseColumns((r) => r)} className="cases-table" />
}
