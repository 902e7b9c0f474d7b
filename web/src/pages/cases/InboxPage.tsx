// `/app/inbox` 我的待办: the approver's open steps, soonest due first, each row with the step's light.
import { Button, Table, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { caseColumns } from './CaseTable'
import { LightTag } from './CaseTags'
import { ProvisionalAlert, ProvisionalTag } from './ProvisionalAlert'
import { stepText, type InboxRow } from './caseTypes'
import type { ApiResponse } from '../../lib/apiTypes'

type Inbox = Omit<ApiResponse<'/api/cases/inbox', 'get'>, 'items'> & { items: InboxRow[] }

export default function InboxPage() {
  const first = useLoad((s) => api.get<Inbox>('/api/cases/inbox', undefined, s), [])
  const [more, setMore] = useState<Inbox | null>(null)
  const rows = [...(first.data?.items ?? []), ...(more?.items ?? [])]
  const cursor = more ? more.nextCursor : first.data?.nextCursor ?? null
  const base = caseColumns<InboxRow>((r) => r.case).filter((c) => c.key !== 'light' && c.key !== 'due')
  return (
    <div>
      <PageHead title={first.data ? t('list.counted', { label: t('inbox.title'), n: first.data.total }) : t('inbox.title')} />
      <Typography.Paragraph type="secondary">{t('inbox.hint')}</Typography.Paragraph>
      {rows.some((r) => r.case.provisional) && <ProvisionalAlert />}
      <Table<InboxRow> rowKey={(r) => r.step.id} loading={first.loading} dataSource={rows} pagination={false} scroll={{ x: true }} className="inbox-table"
        locale={{ emptyText: t('cases.empty') }}
        columns={[
          ...base,
          { title: t('inbox.step'), key: 'step', render: (_, r) => stepText(r.step.kind) },
          { title: t('case.stepDue'), key: 'stepDue', render: (_, r) => <>{r.step.dueDate ?? '—'}{r.case.provisional && <ProvisionalTag />}</> },
          { title: t('case.light'), key: 'stepLight', render: (_, r) => <LightTag light={r.step.light} /> },
        ]} />
      {cursor && (
        <Button style={{ marginTop: 12 }} onClick={() => void api.get<Inbox>('/api/cases/inbox', { cursor }).then((r) => setMore({ items: [...(more?.items ?? []), ...r.items], nextCursor: r.nextCursor, total: r.total }))}>
          {t('cases.more')}
        </Button>
      )}
    </div>
  )
}
