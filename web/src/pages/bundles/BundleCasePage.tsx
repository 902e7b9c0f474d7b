// `/app/bundle-cases/:id` 一件事办件: the bundle's number and query code, its shared form and every part (each a case
// of its own department, with its number, status, due date and 容缺 commitment), the merged one-time notice, the prints.
import { Alert, Card, Descriptions, Result, Space, Table, Tag } from 'antd'
import { Link, useLocation, useParams } from 'react-router'
import { api, errorMessage } from '../../api'
import { PageHead } from '../../components/PageHead'
import { PageLoading } from '../../components/PageLoading'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { CaseStatusTag, LightTag } from '../cases/CaseTags'
import type { BundleReceipt } from './bundleTypes'

export default function BundleCasePage() {
  const id = Number(useParams().id)
  const created = (useLocation().state as { created?: boolean } | null)?.created
  const r = useLoad((s) => api.get<BundleReceipt>(`/api/bundles/cases/${id}`, undefined, s), [id])
  if (r.error) return <Result status="warning" title={errorMessage(r.error)} />
  if (!r.data) return <PageLoading />
  const d = r.data
  const promised = d.parts.filter((p) => p.commitment)
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHead title={d.bundle.name} extra={<Link to="/app/intake/bundle">{t('bundle.another')}</Link>} />
      {created && <Alert type="success" showIcon title={t('bundle.created', { number: d.bundle.number, count: d.parts.length })} />}
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('bundle.number')}><span className="code-cell bundle-number">{d.bundle.number}</span></Descriptions.Item>
          <Descriptions.Item label={t('case.queryCode')}><span className="code-cell bundle-code">{d.bundle.queryCode}</span></Descriptions.Item>
          <Descriptions.Item label={t('case.applicant')}>{d.parts[0]?.applicant.name}</Descriptions.Item>
          {(d.fields ?? []).map((f) => <Descriptions.Item key={f.label} label={f.label}>{f.value}</Descriptions.Item>)}
        </Descriptions>
      </Card>
      <Card title={t('bundle.parts')}>
        <Table rowKey="id" size="small" pagination={false} dataSource={d.parts} className="bundle-case-parts" scroll={{ x: true }} columns={[
          { title: t('case.number'), render: (_, p) => <Link to={`/app/cases/${p.id}`} className="code-cell">{p.number}</Link> },
          { title: t('bundle.part'), dataIndex: 'itemName' },
          { title: t('case.status'), render: (_, p) => <CaseStatusTag status={p.status} /> },
          { title: t('case.dueDate'), render: (_, p) => <>{p.dueDate ?? '—'} {p.acceptedAt && p.status !== 'closed' && <LightTag light={p.light} />}</> },
          { title: t('commitment.title'), render: (_, p) => (p.commitment ? <Tag color={p.commitment.done ? 'green' : 'blue'}>{p.commitment.done ? t('commitment.done') : t('commitment.dueBy', { date: p.commitment.dueDate })}</Tag> : '—') },
        ]} />
      </Card>
      {d.missing.length > 0 && (
        <Alert type="warning" showIcon title={t('bundle.missing')} description={d.missing.map((m) => `${m.name}${m.problem ? `（${m.problem}）` : ''}：${m.items.join('、')}`).join('；')} />
      )}
      <Card title={t('case.prints')}>
        <Space wrap>
          <Link to={`/print/bundles/${d.bundle.id}`} target="_blank">{t('bundle.receipt')}</Link>
          {promised.map((p) => <Link key={p.id} to={`/print/cases/${p.id}/commitment`} target="_blank">{t('commitment.letterOf', { item: p.itemName })}</Link>)}
        </Space>
      </Card>
    </Space>
  )
}
