// 上下级流转 for a town or district window: agency cases handed over to us (accept), 上报 items to forward (with the
// preliminary opinion), forwards sent and not yet received, forwards waiting for my department (receive), and results
// that pass through us on their way down to a pick-up point.
import { Button, Form, Input, Modal, Table, Tabs } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router'
import { api } from '../../api'
import { t } from '../../i18n'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'
import { HandoverDialog } from './HandoverDialog'
import { MaterialCheckDialog } from './MaterialCheckDialog'
import { CaseStatus, LightTag } from './LevelTags'
import { act, type CaseItem, type CaseOut, type ForwardRow, type IncomingCase } from './levelsApi'

type Row = { case?: CaseItem } & Partial<CaseItem>
const numberCol = { title: t('levels.number'), key: 'number', render: (_: unknown, r: Row) => { const c = r.case ?? (r as CaseItem); return <Link to={`/app/levels/cases/${c.id}`}>{c.number}</Link> } }
const itemCol = { title: t('levels.itemName'), key: 'item', render: (_: unknown, r: Row) => (r.case ?? (r as CaseItem)).itemName }

export default function FlowPage() {
  const { user } = useSession()
  const run = useAction()
  const incoming = useLoad((s) => api.get<{ cases: IncomingCase[] }>('/api/agency/incoming', { limit: 100 }, s), [])
  const toForward = useLoad((s) => api.get<{ cases: CaseOut[] }>('/api/cases', { status: 'accepted', centerId: user.centerId, limit: 100 }, s), [])
  const outgoing = useLoad((s) => api.get<{ forwards: ForwardRow[] }>('/api/forwards/outgoing', { limit: 100 }, s), [])
  const inForwards = useLoad((s) => api.get<{ forwards: ForwardRow[] }>('/api/forwards/incoming', { limit: 100 }, s), [])
  // Results on their way down: those here to pass on, and those passed on and waiting at the pick-up point below.
  const results = (centerId: number | undefined, s: AbortSignal) => Promise.all(['approved', 'denied', 'answered'].map((status) => api.get<{ cases: CaseOut[] }>('/api/cases', { status, centerId, limit: 100 }, s)))
    .then((r) => r.flatMap((x) => x.cases).filter((c) => c.delivery?.centerId && c.delivery.centerId !== user.centerId))
  const passing = useLoad((s) => results(user.centerId, s), [])
  const below = useLoad((s) => results(undefined, s).then((r) => r.filter((c) => c.currentCenterId !== user.centerId && c.currentCenterId === c.delivery!.centerId)), [])
  const [forwarding, setForwarding] = useState<CaseOut>()
  const [passingDown, setPassingDown] = useState<number>()
  const [checking, setChecking] = useState<number>()
  const [form] = Form.useForm<{ opinion: string }>()
  const reloadAll = () => { incoming.reload(); toForward.reload(); outgoing.reload(); inForwards.reload(); passing.reload(); below.reload() }
  const fwdCols = [numberCol, itemCol,
    { title: t('levels.from'), key: 'from', render: (_: unknown, r: ForwardRow) => r.step.fromCenterName },
    { title: t('levels.due'), key: 'due', render: (_: unknown, r: ForwardRow) => r.step.dueDate },
    { title: t('levels.light'), key: 'light', render: (_: unknown, r: ForwardRow) => <LightTag light={r.step.light} /> }]
  return (
    <>
      <h2>{t('menu.flow')}</h2>
      <Tabs items={[
        { key: 'incoming', label: t('levels.incoming'), children: (
          <Table<IncomingCase> rowKey="id" size="middle" loading={incoming.loading} dataSource={incoming.data?.cases ?? []} pagination={false}
            columns={[numberCol, itemCol, { title: t('levels.origin'), dataIndex: 'originCenterName' }, { title: t('levels.agent'), dataIndex: 'agentName' },
              { title: t('files.title'), key: 'files', render: (_: unknown, c) => (c.files ? <span className="flow-files">{c.thumbFileId && <img src={`/api/cases/${c.id}/files/${c.thumbFileId}/thumb`} alt="" style={{ height: 40, verticalAlign: 'middle', marginRight: 6 }} />}{t('files.count', { files: c.files, seen: c.filesSeen })}</span> : '—') },
              { title: t('common.actions'), key: 'a', render: (_: unknown, c) => (
                <span className="flow-actions"><Button type="primary" onClick={() => setChecking(c.id)}>{t('levels.accept')}</Button></span>
              ) }]} />
        ) },
        { key: 'toForward', label: t('levels.toForward'), children: (
          <Table<CaseOut> rowKey="id" size="middle" loading={toForward.loading} dataSource={(toForward.data?.cases ?? []).filter((c) => c.handlingKind === 'forward')} pagination={false}
            columns={[numberCol, itemCol, { title: t('levels.status'), key: 's', render: (_: unknown, c) => <CaseStatus status={c.status} /> },
              { title: t('common.actions'), key: 'a', render: (_: unknown, c) => <Button type="primary" onClick={() => setForwarding(c)}>{t('levels.forward')}</Button> }]} />
        ) },
        { key: 'outgoing', label: t('levels.outgoing'), children: <Table<ForwardRow> rowKey={(r) => r.step.id} size="middle" loading={outgoing.loading} dataSource={outgoing.data?.forwards ?? []} pagination={false} columns={fwdCols} /> },
        { key: 'inForwards', label: t('levels.incomingForwards'), children: (
          <Table<ForwardRow> rowKey={(r) => r.step.id} size="middle" loading={inForwards.loading} dataSource={inForwards.data?.forwards ?? []} pagination={false}
            columns={[...fwdCols, { title: t('common.actions'), key: 'a', render: (_: unknown, r: ForwardRow) => <Button type="primary" onClick={() => run(() => act(r.case.id, 'receive'), { success: t('levels.received'), then: reloadAll })}>{t('levels.receive')}</Button> }]} />
        ) },
        { key: 'down', label: t('levels.resultsDown'), children: (
          <Table<CaseOut> rowKey="id" size="middle" loading={passing.loading} dataSource={passing.data ?? []} pagination={false}
            columns={[numberCol, itemCol, { title: t('common.actions'), key: 'a', render: (_: unknown, c) => <Button onClick={() => setPassingDown(c.id)}>{t('levels.passDown')}</Button> }]} />
        ) },
        { key: 'out', label: t('levels.resultsOut'), children: (
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
