// 代办员: record a case at the village room (the citizen's materials and the written authorisation), and the inbox of
// what the agent carries, what is due next and where each case stands. Mobile first: one column, large text.
import { Alert, AutoComplete, Button, Card, Checkbox, Empty, Form, Input, List, Select, Space, Tag, Typography, message } from 'antd'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { api, ApiError } from '../../api'
import { FileButton } from '../../components/FileButton'
import { downscale } from '../../lib/downscale'
import { uploadCaseFile } from './CaseFiles'
import { OfflineCard, PinGate, useQueue } from './offline/OfflineCard'
import { findPackItem, refreshPack, searchPack } from './offline/pack'
import { deviceToday, idFits, loadProxies, proxyState } from './offline/proxies'
import { nextOfflineNumber, queue, type QueuedIntake, type QueuedPhoto } from './offline/store'
import { dateTime } from '../../lib/format'
import { t, type MessageKey } from '../../i18n'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'
import { HandoverDialog } from './HandoverDialog'
import { PhoneTasksCard } from './PhoneTasksCard'
import { CaseStatus, LightTag } from './LevelTags'
import { act, type AgentCase, type CaseOut, type PickerItem } from './levelsApi'
import type { ApiResponse } from '../../lib/apiTypes'
import type { PublicItem } from '../../lib/types'

type AgentInbox = Omit<ApiResponse<'/api/agency/inbox', 'get'>, 'cases'> & { cases: AgentCase[] }

type ItemHit = Omit<PickerItem, 'own'>
type ItemFull = Pick<PublicItem, 'id'> & { materials: Pick<PublicItem['materials'][number], 'id' | 'name' | 'required'>[] }
interface Intake { name: string; idNumber: string; phone: string; materials: number[]; authorization: boolean; urgent: boolean; proxyId?: number }

function NewCase({ onDone, onQueued, redo, endRedo }: { onDone(c: CaseOut): void; onQueued(): void; redo?: QueuedIntake; endRedo(): void }) {
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
  const addPhotos = async (files: File[]) => {
    const small = await Promise.all(files.map(async (f) => { const d = await downscale(f, f.name); return { name: d.name, blob: d.blob } }))
    setPhotos((p) => [...p, ...small])
  }
  const [form] = Form.useForm<Intake>()
  // 委托登记: the room's active standing proxies (kept on the device, so they can be picked without a signal)
  const proxies = useLoad(async (s) => (await loadProxies(s)).proxies.filter((p) => proxyState(p, deviceToday()) === 'active'), [])
  useEffect(() => { window.addEventListener('online', proxies.reload); return () => window.removeEventListener('online', proxies.reload) }, [proxies.reload])
  const proxyId = Form.useWatch('proxyId', form)
  const proxy = proxies.data?.find((p) => p.id === proxyId)
  const pickProxy = (id?: number) => {
    const p = proxies.data?.find((x) => x.id === id)
    if (p) form.setFieldsValue({ name: p.principalName, phone: p.principalPhone, authorization: false })
  }
  const run = useAction()
  const pick = async (id: number) => {
    const full = navigator.onLine ? await api.get<ItemFull & { name: string }>(`/api/public/items/${id}`).catch(() => findPackItem(id)) : await findPackItem(id)
    if (!full) return
    setItem(full)
    form.setFieldValue('materials', full.materials.map((m) => m.id))
  }
  const reset = () => { form.resetFields(); setItem(undefined); setQ(''); setPhotos([]) }
  // A refused intake recorded again: the applicant and photos come back, the item is picked anew; it keeps the
  // villager's receipt time, offline number and query code, and names the server's task it resolves.
  useEffect(() => {
    if (!redo) return
    const b = redo.body as unknown as { applicant: { name: string; idNumber: string; phone: string }; agency?: { proxyId?: number } }
    reset()
    // a proxy revoked or expired is not offered again (the device's copy of the list may be older than the refusal)
    const still = !redo.errorCode?.startsWith('proxy_') && proxies.data?.some((p) => p.id === b.agency?.proxyId)
    form.setFieldsValue({ name: b.applicant.name, idNumber: b.applicant.idNumber, phone: b.applicant.phone, proxyId: still ? b.agency?.proxyId : undefined })
    setPhotos(redo.photos)
  }, [redo])
  /** No signal: the intake waits on the device with its receipt time, an offline number and a query code for the slip. */
  const enqueue = async (body: Record<string, unknown> & { requestId: string }, v: Intake) => {
    const now = new Date().toISOString()
    const stamp = redo ? { ...redo.body.offline, deviceNow: now, resolves: redo.key } : { receivedAt: now, deviceNow: now, ...(await nextOfflineNumber()) }
    await queue.put({
      key: body.requestId, userId: user!.username, createdAt: redo?.createdAt ?? Date.now(), status: 'waiting', body: { ...body, offline: stamp },
      itemName: q || String(item!.id), applicantName: v.name, photos,
    })
    if (redo) { await queue.remove(redo.key); endRedo() } // its photos moved to the new one
    message.info(t('offline.queued', { number: stamp.offlineNumber }))
    reset(); onQueued()
  }
  const submit = async (v: Intake) => {
    const body = {
      requestId: `agency-${user!.centerId}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, itemId: item!.id, centerId: user!.centerId,
      applicant: { kind: 'person', name: v.name, idNumber: v.idNumber.trim().toUpperCase(), phone: v.phone.trim() },
      materials: item!.materials.map((m) => ({ materialId: m.id, received: (v.materials ?? []).includes(m.id) })),
      agency: v.proxyId ? { proxyId: v.proxyId, urgent: v.urgent || undefined } : { authorization: true as const, urgent: v.urgent || undefined },
    }
    if (!navigator.onLine || redo) return enqueue(body, v) // a redo goes through the queue: it carries its receipt time
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
      {redo && <Alert type="warning" showIcon className="agency-redo" style={{ marginBottom: 12 }} title={t('offline.redoing', { number: redo.body.offline.offlineNumber, at: dateTime(redo.body.offline.receivedAt), photos: redo.photos.length })}
        action={<Button size="small" onClick={() => { reset(); endRedo() }}>{t('offline.redoCancel')}</Button>} />}
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
        {(proxies.data ?? []).length > 0 && (
          <Form.Item name="proxyId" label={t('proxy.use')} htmlFor="agency-proxy"
            rules={[{ validator: (_, v) => (v && item && proxy?.scope === 'items' && !proxy.itemIds.includes(item.id) ? Promise.reject(new Error(t('proxy.itemOutside'))) : Promise.resolve()) }]}>
            <Select id="agency-proxy" allowClear placeholder={t('proxy.usePlaceholder')} onChange={pickProxy} className="agency-proxy"
              options={proxies.data!.map((p) => ({ value: p.id, label: t('proxy.option', { name: p.principalName, id: p.principalIdNumber, proxy: p.proxyName, until: p.validUntil }) }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('levels.applicantName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item>
        <Form.Item name="idNumber" label={t('levels.idNumber')} dependencies={['proxyId']} rules={[{ required: true, len: 18, message: t('form.required') },
          { validator: (_, v: string | undefined) => (proxy && v?.length === 18 && !idFits(proxy.principalIdNumber, v) ? Promise.reject(new Error(t('proxy.idMismatch'))) : Promise.resolve()) }]}><Input maxLength={18} /></Form.Item>
        <Form.Item name="phone" label={t('levels.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('form.required') }]}><Input inputMode="tel" maxLength={11} /></Form.Item>
        {item && (
          <Form.Item name="materials" label={t('levels.materials')}>
            <Checkbox.Group className="levels-checks" options={item.materials.map((m) => ({ value: m.id, label: m.name }))} />
          </Form.Item>
        )}
        <Form.Item label={t('offline.photosLabel')}>
          <FileButton className="agency-photos" multiple onFiles={(files) => void addPhotos(files)}>{t('offline.addPhotos')}</FileButton>{' '}
          {photos.length > 0 && <span className="agency-photo-count">{t('offline.photoCount', { n: photos.length })}</span>}
        </Form.Item>
        {!proxyId && (
          <Form.Item name="authorization" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('levels.authorizationRequired')))) }]}>
            <Checkbox>{t('levels.authorization')}</Checkbox>
          </Form.Item>
        )}
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
  const offline = useQueue(user!.username, reload)
  const [redo, setRedo] = useState<QueuedIntake>()
  const resultHere = (c: AgentCase) => c.delivery?.centerId === user!.centerId && c.currentCenterId === user!.centerId && c.status !== 'closed'
  return (
    <PinGate userId={user!.username}>
    <div className="agency-page levels-big">
      {!navigator.onLine && <Tag color="red" className="agency-offline">{t('offline.noSignal')}</Tag>}
      <PhoneTasksCard caseLink={(id) => `/app/agency/cases/${id}`} />
      <NewCase onDone={(c) => { setMade(c); reload() }} onQueued={() => void offline.sync()} redo={redo} endRedo={() => setRedo(undefined)} />
      <OfflineCard q={offline} userId={user!.username} onRedo={(i) => { setRedo(i); window.scrollTo({ top: 0, behavior: 'smooth' }) }} />
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
