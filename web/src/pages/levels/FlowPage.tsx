// 上下级流转 for a town or district window: agency cases handed over to us (accept), 上报 items to forward (with the
// preliminary opinion), forwards sent and not yet received, forwards waiting for my department (receive), and results
// that pass through us on their way down to a pick-up point.
import { Button, Form, Input, Modal, Table, Tabs } from 'antd'
import { useState } from 'react'
import type { Role } from '../../../../src/domain/vocabulary.js'
import { Link } from 'react-router'
import { api } from '../../api'
import { t } from '../../i18n'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'
import { HandoverDialog } from './HandoverDialog'
import { MaterialCheckDialog } from './MaterialCheckDialog'
import { OfflineTasksCard } from './OfflineTasksCard'
import { CaseStatus, LightTag } from './LevelTags'
import { act, type CaseItem, type CaseOut, type ForwardRow, type IncomingCase } from './levelsApi'

type Row = { case?: CaseItem } & Partial<CaseItem>
type TabKey = 'incoming' | 'toForward' | 'outgoing' | 'inForwards' | 'down' | 'out'
const LIMIT = 100

/** Each role opens on its daily work: the first of its lists, in its own order, that holds something. */
const DAILY: Partial<Record<Role, TabKey[]>> = {
  approver: ['inForwards', 'incoming', 'toForward', 'down'],
  department_head: ['inForwards', 'incoming', 'toForward', 'down'],
}
const WINDOW_ORDER: TabKey[] = ['incoming', 'toForward', 'down', 'inForwards'] // lists to act on; the other two are to watch

export function defaultTab(roles: readonly Role[], counts: Partial<Record<TabKey, number>>): TabKey {
  const order = roles.map((r) => DAILY[r]).find(Boolean) ?? WINDOW_ORDER
  return order.find((k) => (counts[k] ?? 0) > 0) ?? order[0]
}
const numberCol = { title: t('levels.number'), key: 'number', render: (_: unknown, r: Row) => { const c = r.case ?? (r as CaseItem); return <Link to={`/app/levels/cases/${c.id}`}>{c.number}</Link> } }
const itemCol = { title: t('levels.itemName'), key: 'item', render: (_: unknown, r: Row) => (r.case ?? (r as CaseItem)).itemName }

export default function FlowPage() {
  const { user } = useSession()
  const run = useAction()
  const incoming = useLoad((s) => api.get<{ cases: IncomingCase[] }>('/api/agency/incoming', { limit: LIMIT }, s), [])
  const toForward = useLoad((s) => api.get<{ cases: CaseOut[] }>('/api/cases', { status: 'accepted', centerId: user.centerId, limit: LIMIT }, s), [])
  const outgoing = useLoad((s) => api.get<{ forwards: ForwardRow[] }>('/api/forwards/outgoing', { limit: LIMIT }, s), [])
  const inForwards = useLoad((s) => api.get<{ forwards: ForwardRow[] }>('/api/forwards/incoming', { limit: LIMIT }, s), [])
  // Results on their way down: those here to pass on, and those passed on and waiting at the pick-up point below.
  const results = (centerId: number | undefined, s: AbortSignal) => Promise.all(['approved', 'denied', 'answered'].map((status) => api.get<{ cases: CaseOut[] }>('/api/cases', { status, centerId, limit: LIMIT }, s)))
    .then((r) => r.flatMap((x) => x.cases).filter((c) => c.delivery?.centerId && c.delivery.centerId !== user.centerId))
  const passing = useLoad((s) => results(user.centerId, s), [])
  const below = useLoad((s) => results(undefined, s).then((r) => r.filter((c) => c.currentCenterId !== user.centerId && c.currentCenterId === c.delivery!.centerId)), [])
  const [forwarding, setForwarding] = useState<CaseOut>()
  const [passingDown, setPassingDown] = useState<number>()
  const [checking, setChecking] = useState<number>()
  const [form] = Form.useForm<{ opinion: string }>()
  const [tab, setTab] = useState<TabKey>()
  const forwardCases = (toForward.data?.cases ?? []).filter((c) => c.handlingKind === 'forward')
  const lists = { incoming: incoming.data?.cases, toForward: toForward.data && forwardCases, outgoing: outgoing.data?.forwards, inForwards: inForwards.data?.forwards, down: passing.data, out: below.data }
  const counts = Object.fromEntries(Object.entries(lists).filter(([, v]) => v).map(([k, v]) => [k, v!.length])) as Partial<Record<TabKey, number>>
  const loaded = Object.keys(counts).length === Object.keys(lists).length
  const active = tab ?? (loaded ? defaultTab(user.roles, counts) : undefined)
  const label = (k: TabKey, text: string) => (counts[k] === undefined ? text : t('list.counted', { label: text, n: counts[k]! >= LIMIT ? `${LIMIT}+` : counts[k]! }))
  const reloadAll = () => { incoming.reload(); toForward.reload(); outgoing.reload(); inForwards.reload(); passing.reload(); below.reload() }
  const fwdCols = [numberCol, itemCol,
    { title: t('levels.from'), key: 'from', render: (_: unknown, r: ForwardRow) => r.step.fromCenterName },
    { title: t('levels.due'), key: 'due', render: (_: unknown, r: ForwardRow) => r.step.dueDate },
    { title: t('levels.light'), key: 'light', render: (_: unknown, r: ForwardRow) => <LightTag light={r.step.light} /> }]
  return (
    <>
      <h2>{t('menu.flow')}</h2>
      <OfflineTasksCard />
      <Tabs activeKey={active} onChange={(k) => setTab(k as TabKey)} items={[
        { key: 'incoming', label: label('incoming', t('levels.incoming')), children: (
          <Table<IncomingCase> rowKey="id" size="middle" loading={incoming.loading} dataSource={incoming.data?.cases ?? []} pagination={false}
            columns={[numberCol, itemCol, { title: t('levels.origin'), dataIndex: 'originCenterName' }, { title: t('levels.agent'), dataIndex: 'agentName' },
              { title: t('files.title'), key: 'files', render: (_: unknown, c) => (c.files ? <span className="flow-files">{c.thumbFileId && <img src={`/api/cases/${c.id}/files/${c.thumbFileId}/thumb`} alt="" style={{ height: 40, verticalAlign: 'middle', marginRight: 6 }} />}{t('files.count', { files: c.files, seen: c.filesSeen })}</span> : '—') },
              { title: t('common.actions'), key: 'a', render: (_: unknown, c) => (
                <span className="flow-actions"><Button type="primary" onClick={() => setChecking(c.id)}>{t('levels.accept')}</Button></span>
              ) }]} />
        ) },
        { key: 'toForward', label: label('toForward', t('levels.toForward')), children: (
          <Table<CaseOut> rowKey="id" size="middle" loading={toForward.loading} dataSource={forwardCases} pagination={false}
            columns={[numberCol, itemCol, { title: t('levels.status'), key: 's', render: (_: unknown, c) => <CaseStatus status={c.status} /> },
              { title: t('common.actions'), key: 'a', render: (_: unknown, c) => <Button type="primary" onClick={() => setForwarding(c)}>{t('levels.forward')}</Button> }]} />
        ) },
        { key: 'outgoing', label: label('outgoing', t('levels.outgoing')), children: <Table<ForwardRow> rowKey={(r) => r.step.id} size="middle" loading={outgoing.loading} dataSource={outgoing.data?.forwards ?? []} pagination={false} columns={fwdCols} /> },
        { key: 'inForwards', label: label('inForwards', t('levels.incomingForwards')), children: (
          <Table<ForwardRow> rowKey={(r) => r.step.id} size="middle" loading={inForwards.loading} dataSource={inForwards.data?.forwards ?? []} pagination={false}
            columns={[...fwdCols, { title: t('common.actions'), key: 'a', render: (_: unknown, r: ForwardRow) => <Button type="primary" onClick={() => run(() => act(r.case.id, 'receive'), { success: t('levels.received'), then: reloadAll })}>{t('levels.receive')}</Button> }]} />
        ) },
        { key: 'down', label: label('down', t('levels.resultsDown')), children: (
          <Table<CaseOut> rowKey="id" size="middle" loading={passing.loading} dataSource={passing.data ?? []} pagination={false}
            columns={[numberCol, itemCol, { title: t('common.actions'), key: 'a', render: (_: unknown, c) => <Button onClick={() => setPassingDown(c.id)}>{t('levels.passDown')}</Button> }]} />
        ) },
        { key: 'out', label: label('out', t('levels.resultsOut')), children: (
          <Table<CaseOut> rowKey="id" size="middle" loading={below.loading} dataSource={below.data ?? []} pagination={false}
            columns={[numberCol, itemCol, { title: t('levels.status'), key: 's', render: (_: unknown, c) => <CaseStatus status={c.status} /> }]} />
        ) },
      ]} />
      <Modal open={!!forwarding} title={t('levels.forwardTitle')} onCancel={() => setForwarding(undefined)} okText={t('levels.forward')}
        onOk={async () => {
          const v = await form.validateFields()
          await run(() => act(forwarding!.id, 'forward', { opinion: v.opinion }), { success: t('levels.forwarded'), then: () => { setForwarding(undefined); form.resetFields(); reloadAll() } })
        }}>
        <Form form={form} layout="vertical">
          <Form.Item name="opinion" label={t('levels.opinion')} rules={[{ required: true, whitespace: true, message: t('levels.opinionRequired') }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
      {checking && <MaterialCheckDialog caseId={checking} onClose={() => setChecking(undefined)} onDone={reloadAll} />}
      {passingDown && <HandoverDialog caseId={passingDown} down open onClose={() => setPassingDown(undefined)} onDone={reloadAll} />}
    </>
  )
}
