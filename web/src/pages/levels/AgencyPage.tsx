// 代办员: record a case at the village room (the citizen's materials and the written authorisation), and the inbox of
// what the agent carries, what is due next and where each case stands. Mobile first: one column, large text.
import { AutoComplete, Button, Card, Checkbox, Empty, Form, Input, List, Space, Tag, Typography, message } from 'antd'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { api, ApiError } from '../../api'
import { downscale } from '../../lib/downscale'
import { uploadCaseFile } from './CaseFiles'
import { OfflineCard, PinGate, useQueue } from './offline/OfflineCard'
import { findPackItem, refreshPack, searchPack } from './offline/pack'
import { nextOfflineNumber, queue, type QueuedPhoto } from './offline/store'
import { t, type MessageKey } from '../../i18n'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'
import { HandoverDialog } from './HandoverDialog'
import { PhoneTasksCard } from './PhoneTasksCard'
import { CaseStatus, LightTag } from './LevelTags'
import { act, type AgentCase, type CaseOut, type PickerItem } from './levelsApi'

interface AgentInbox { cases: AgentCase[]; nextCursor: string | null; total?: number }

type ItemHit = Omit<PickerItem, 'own'>
interface ItemFull { id: number; materials: { id: number; name: string; required: boolean }[] }
interface Intake { name: string; idNumber: string; phone: string; materials: number[]; authorization: boolean; urgent: boolean }

function NewCase({ onDone, onQueued }: { onDone(c: CaseOut): void; onQueued(): void }) {
  const { user } = useSession()
  const centers = useLoad((s) => api.get<{ centers: { id: number; parentId: number | null }[] }>('/api/public/centers', undefined, s), [])
  const town = centers.data?.centers.find((c) => c.id === user!.centerId)?.parentId
  const [q, setQ] = useState('')
  // The room's own items first (accepted here), then the town's (carried up as agency cases); each with who decides.
  const hits = useLoad(async (s): Promise<PickerItem[]> => {
    if (!q) return []
    if (!navigator.onLine || !town) return searchPack(q)
    const [own, up] = await Promise.all([user!.centerId, town].map((centerId) => api.get<{ items: ItemHit[] }>('/api/public/items', { q, centerId, pageSize: 10 }, s)))
    const mine = new Set(own.items.map((i) => i.id))
    return [...own.items.map((i) => ({ ...i, own: true })), ...up.items.filter((i) => !mine.has(i.id)).map((i) => ({ ...i, own: false }))]
  }, [q, town])
  useEffect(() => { if (town && navigator.onLine) void refreshPack(user!.centerId, town).catch(() => undefined) }, [town, user])
  const [item, setItem] = useState<ItemFull & { name?: string }>()
  const [photos, setPhotos] = useState<QueuedPhoto[]>([])
  const addPhotos = async (files: FileList | null) => {
    const small = await Promise.all(Array.from(files ?? []).map(async (f) => { const d = await downscale(f, f.name); return { name: d.name, blob: d.blob } }))
    setPhotos((p) => [...p, ...small])
  }
  const [form] = Form.useForm<Intake>()
  const run = useAction()
  const pick = async (id: number) => {
    const full = navigator.onLine ? await api.get<ItemFull & { name: string }>(`/api/public/items/${id}`).catch(() => findPackItem(id)) : await findPackItem(id)
    if (!full) return
    setItem(full)
    form.setFieldValue('materials', full.materials.map((m) => m.id))
  }
  const reset = () => { form.resetFields(); setItem(undefined); setQ(''); setPhotos([]) }
  /** No signal: the intake waits on the device with its receipt time, an offline number and a query code for the slip. */
  const enqueue = async (body: Record<string, unknown> & { requestId: string }, v: Intake) => {
    const now = new Date().toISOString()
    const ids = await nextOfflineNumber()
    await queue.put({
      key: body.requestId, userId: user!.username, createdAt: Date.now(), status: 'waiting', body: { ...body, offline: { receivedAt: now, deviceNow: now, ...ids } },
      itemName: q || String(item!.id), applicantName: v.name, photos,
    })
    message.info(t('offline.queued', { number: ids.offlineNumber }))
    reset(); onQueued()
  }
  const submit = async (v: Intake) => {
    const body = {
      requestId: `agency-${user!.centerId}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, itemId: item!.id, centerId: user!.centerId,
      applicant: { kind: 'person', name: v.name, idNumber: v.idNumber.trim().toUpperCase(), phone: v.phone.trim() },
      materials: item!.materials.map((m) => ({ materialId: m.id, received: (v.materials ?? []).includes(m.id) })),
      agency: { authorization: true as const, urgent: v.urgent || undefined },
    }
    if (!navigator.onLine) return enqueue(body, v)
    let made: CaseOut | undefined
    let lost = false
    const ok = await run(async () => {
      try {
        made = await api.post<CaseOut>('/api/cases', body)
      } catch (e) {
        if (e instanceof ApiError && e.status === 0) { lost = true; return }
        throw e
      }
      for (const p of photos) await uploadCaseFile(made.id, p.blob, p.name)
    }, { success: () => (made ? t('levels.recorded', { number: made.number }) : '') })
    if (lost) return enqueue(body, v)
    if (ok && made) { reset(); onDone(made) }
  }
  return (
    <Card title={t('levels.newCase')} className="levels-big">
      <Form form={form} layout="vertical" size="large" onFinish={submit} initialValues={{ urgent: false, authorization: false }}>
        <Form.Item label={t('levels.item')} htmlFor="agency-item" required>
          <AutoComplete id="agency-item" value={q} onChange={setQ} placeholder={t('levels.itemPlaceholder')} className="agency-item"
            options={(hits.data ?? []).map((i) => ({
              value: String(i.id), name: i.name,
              label: (
                <div className="agency-option" data-own={i.own}>
                  <div>{i.name}</div>
                  <Space size={4} wrap>
                    <Tag>{i.itemType}</Tag>
                    <Tag color="blue">{t('levels.decides', { level: t(`levels.level.${i.decideLevel}` as MessageKey) })}</Tag>
                    <Tag color={i.own ? 'green' : 'orange'}>{t(i.own ? 'levels.ownItem' : 'levels.agencyItem')}</Tag>
                  </Space>
                </div>
              ),
            }))}
            onSelect={(v: string, o: { name: string }) => { setQ(o.name); void pick(Number(v)) }} />
        </Form.Item>
        <Form.Item name="name" label={t('levels.applicantName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item>
        <Form.Item name="idNumber" label={t('levels.idNumber')} rules={[{ required: true, len: 18, message: t('form.required') }]}><Input maxLength={18} /></Form.Item>
        <Form.Item name="phone" label={t('levels.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('form.required') }]}><Input inputMode="tel" maxLength={11} /></Form.Item>
        {item && (
          <Form.Item name="materials" label={t('levels.materials')}>
            <Checkbox.Group className="levels-checks" options={item.materials.map((m) => ({ value: m.id, label: m.name }))} />
          </Form.Item>
        )}
        <Form.Item label={t('offline.photosLabel')}>
          <label className="ant-btn ant-btn-default agency-photos">
            {t('offline.addPhotos')}
            <input type="file" accept="image/jpeg,image/png,application/pdf" capture="environment" multiple style={{ display: 'none' }} onChange={(e) => { void addPhotos(e.target.files); e.target.value = '' }} />
          </label>{' '}
          {photos.length > 0 && <span className="agency-photo-count">{t('offline.photoCount', { n: photos.length })}</span>}
        </Form.Item>
        <Form.Item name="authorization" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('levels.authorizationRequired')))) }]}>
          <Checkbox>{t('levels.authorization')}</Checkbox>
        </Form.Item>
        <Form.Item name="urgent" valuePropName="checked"><Checkbox>{t('levels.urgent')}</Checkbox></Form.Item>
        <Button type="primary" htmlType="submit" block size="large" disabled={!item}>{t('levels.record')}</Button>
      </Form>
    </Card>
  )
}

export default function AgencyPage() {
  const { user } = useSession()
  const inbox = useLoad((s) => api.get<AgentInbox>('/api/agency/inbox', undefined, s), [])
  const [more, setMore] = useState<AgentInbox | null>(null)
  const cases = [...(inbox.data?.cases ?? []), ...(more?.cases ?? [])]
  const cursor = more ? more.nextCursor : inbox.data?.nextCursor ?? null
  const reload = () => { setMore(null); inbox.reload() }
  const [handing, setHanding] = useState<number>()
  const [made, setMade] = useState<CaseOut>()
  const run = useAction()
  const offline = useQueue(user!.username)
  const resultHere = (c: AgentCase) => c.delivery?.centerId === user!.centerId && c.currentCenterId === user!.centerId && c.status !== 'closed'
  return (
    <PinGate userId={user!.username}>
    <div className="agency-page levels-big">
      {!navigator.onLine && <Tag color="red" className="agency-offline">{t('offline.noSignal')}</Tag>}
      <PhoneTasksCard caseLink={(id) => `/app/agency/cases/${id}`} />
      <NewCase onDone={(c) => { setMade(c); reload() }} onQueued={offline.reload} />
      <OfflineCard q={offline} userId={user!.username} />
      {made && (
        <Card className="agency-made">
          <Typography.Text strong>{t('levels.recorded', { number: made.number })}</Typography.Text>{' '}
          <Link to={`/print/levels/${made.id}/slip`} target="_blank">{t('levels.slip')}</Link>
        </Card>
      )}
      <Typography.Title level={2}>{inbox.data?.total !== undefined ? t('list.counted', { label: t('levels.myCases'), n: inbox.data.total }) : t('levels.myCases')}</Typography.Title>
      <List<AgentCase>
        loading={inbox.loading} dataSource={cases} locale={{ emptyText: <Empty description={t('levels.noCases')} /> }}
        renderItem={(c) => (
          <List.Item key={c.id}>
          <Card className="agency-case" data-case={c.number}>
            <div className="agency-case-head"><b>{c.itemName}</b> <CaseStatus status={c.status} /></div>
            <div>{c.number} · {c.applicant.name}</div>
            <div>{t('levels.where')}：{c.currentCenterName}</div>
            {c.next && <div>{t('levels.next')}：{c.next.kind === 'handover' && c.next.atMyRoom ? t('levels.nextHandover', { due: c.next.dueDate ?? '' }) : t('levels.nextStep', { kind: c.next.kind, due: c.next.dueDate ?? '' })} <LightTag light={c.next.light} /></div>}
            {resultHere(c) && <div className="agency-ready">{t('levels.resultHere')}</div>}
            {c.delivery?.centerId === user!.centerId && c.currentCenterId !== user!.centerId && <div className="agency-coming">{t('levels.onTheWayDown', { where: c.currentCenterName })}</div>}
            <Space wrap style={{ marginTop: 8 }}>
              {c.currentCenterId === user!.centerId && c.status === 'received' && <Button size="large" type="primary" onClick={() => setHanding(c.id)}>{t('levels.handover')}</Button>}
              {resultHere(c) && <Button size="large" type="primary" onClick={() => run(() => act(c.id, 'pickup'), { success: t('levels.pickedUp'), then: reload })}>{t('levels.pickup')}</Button>}
              <Link to={`/app/agency/cases/${c.id}`}>{t('levels.detail')}</Link>
              <Link to={`/print/levels/${c.id}/slip`} target="_blank">{t('levels.slip')}</Link>
            </Space>
          </Card>
          </List.Item>
        )}
      />
      {cursor && (
        <Button block size="large" style={{ marginTop: 12 }} onClick={() => void api.get<AgentInbox>('/api/agency/inbox', { cursor }).then((r) => setMore({ cases: [...(more?.cases ?? []), ...r.cases], nextCursor: r.nextCursor, total: r.total }))}>
          {t('cases.more')}
        </Button>
      )}
      {handing && <HandoverDialog caseId={handing} open onClose={() => setHanding(undefined)} onDone={reload} />}
    </div>
    </PinGate>
  )
}
