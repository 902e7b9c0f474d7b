// 委托登记: an elderly villager authorises a relative or the village agent once (every item or listed items, until a
// date, with a photo of the signed 委托书); the room's proxies listed with their state; revoked at the villager's
// request or by staff. The agent's phone and the town's desk use the same page (one column, large controls).
import { Alert, Button, Card, Empty, Form, Input, List, Radio, Select, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import { FileButton } from '../../components/FileButton'
import { t, type MessageKey } from '../../i18n'
import { downscale } from '../../lib/downscale'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { useReasonConfirm } from '../../lib/useReasonConfirm'
import { useSession } from '../../session'
import { searchPack } from './offline/pack'
import { deviceToday, loadProxies, proxyState, type StandingProxy } from './offline/proxies'

interface RegisterForm {
  centerId?: number; principalName: string; principalId: string; principalPhone: string
  who: 'self' | 'other'; proxyName?: string; proxyId?: string; scope: 'all' | 'items'; itemIds?: number[]; validUntil: string
}
const STATE_COLOR = { active: 'green', revoked: 'default', expired: 'orange' } as const

function ItemsSelect({ value, onChange, centerIds }: { value?: number[]; onChange?(v: number[]): void; centerIds: number[] }) {
  const [q, setQ] = useState('')
  const [known, setKnown] = useState(new Map<number, string>())
  const hits = useLoad(async (s) => {
    if (!q) return []
    if (!navigator.onLine) return (await searchPack(q)).map((i) => ({ id: i.id, name: i.name }))
    const found = await Promise.all(centerIds.map((centerId) => api.get<{ items: { id: number; name: string }[] }>('/api/public/items', { q, centerId, pageSize: 10 }, s)))
    return [...new Map(found.flatMap((f) => f.items).map((i) => [i.id, i])).values()]
  }, [q, centerIds.join()])
  const options = [...(value ?? []).map((id) => ({ value: id, label: known.get(id) ?? String(id) })),
    ...(hits.data ?? []).filter((i) => !(value ?? []).includes(i.id)).map((i) => ({ value: i.id, label: i.name }))]
  return (
    <Select mode="multiple" id="proxy-items" showSearch={{ filterOption: false, onSearch: setQ }} value={value} options={options} placeholder={t('proxy.itemsPlaceholder')}
      onChange={(v: number[]) => { setKnown((m) => new Map([...m, ...(hits.data ?? []).map((i) => [i.id, i.name] as const)])); onChange?.(v) }} />
  )
}

function RegisterCard({ onDone }: { onDone(): void }) {
  const { user } = useSession()
  const isAgent = user!.roles.includes('agent')
  const centers = useLoad((s) => api.get<{ centers: { id: number; name: string; level: string; parentId: number | null }[] }>('/api/public/centers', undefined, s), [])
  const all = centers.data?.centers ?? []
  const own = all.find((c) => c.id === user!.centerId)
  // staff register for one of the village rooms below them (the room's agent uses the proxy there)
  const parent = new Map(all.map((c) => [c.id, c.parentId]))
  const below = (id: number | null): boolean => id !== null && (id === user!.centerId || below(parent.get(id) ?? null))
  const rooms = own?.level === 'village' ? [] : all.filter((c) => c.level === 'village' && below(c.parentId))
  const [form] = Form.useForm<RegisterForm>()
  const who = Form.useWatch('who', form)
  const scope = Form.useWatch('scope', form)
  const [doc, setDoc] = useState<{ blob: Blob; name: string }>()
  const run = useAction()
  const submit = (v: RegisterForm) => run(async () => {
    const data = {
      ...(v.centerId ? { centerId: v.centerId } : {}),
      principal: { name: v.principalName.trim(), idNumber: v.principalId.trim().toUpperCase(), phone: v.principalPhone.trim() },
      proxy: v.who === 'self' ? { name: user!.name, self: true } : { name: v.proxyName!.trim(), ...(v.proxyId?.trim() ? { idNumber: v.proxyId.trim().toUpperCase() } : {}) },
      scope: v.scope, ...(v.scope === 'items' ? { itemIds: v.itemIds } : {}), validUntil: v.validUntil,
    }
    const body = new FormData()
    body.append('data', JSON.stringify(data))
    body.append('file', doc!.blob, doc!.name)
    await api.upload('/api/proxies', body)
  }, { success: t('proxy.registered'), then: () => { form.resetFields(); setDoc(undefined); onDone() } })
  if (!navigator.onLine) return <Alert type="info" showIcon title={t('proxy.onlineOnly')} />
  return (
    <Card title={t('proxy.register')} className="proxy-register levels-big">
      <Form form={form} layout="vertical" size="large" onFinish={submit} initialValues={{ who: isAgent ? 'self' : 'other', scope: 'all' }}>
        {rooms.length > 0 && (
          <Form.Item name="centerId" label={t('proxy.room')} htmlFor="proxy-room" rules={[{ required: true, message: t('form.required') }]}>
            <Select id="proxy-room" showSearch={{ optionFilterProp: 'label' }} placeholder={t('proxy.roomPlaceholder')} options={rooms.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        )}
        <Form.Item name="principalName" label={t('proxy.principalName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item>
        <Form.Item name="principalId" label={t('proxy.principalId')} rules={[{ required: true, len: 18, message: t('form.required') }]}><Input maxLength={18} /></Form.Item>
        <Form.Item name="principalPhone" label={t('proxy.principalPhone')} rules={[{ required: true, pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: t('form.required') }]}><Input inputMode="tel" maxLength={13} /></Form.Item>
        <Form.Item name="who" label={t('proxy.who')}>
          <Radio.Group options={[...(isAgent ? [{ value: 'self', label: t('proxy.whoSelf', { name: user!.name }) }] : []), { value: 'other', label: t('proxy.whoOther') }]} />
        </Form.Item>
        {who === 'other' && <>
          <Form.Item name="proxyName" label={t('proxy.proxyName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item>
          <Form.Item name="proxyId" label={t('proxy.proxyId')} rules={[{ len: 18, message: t('form.required') }]}><Input maxLength={18} /></Form.Item>
        </>}
        <Form.Item name="scope" label={t('proxy.scope')}>
          <Radio.Group options={[{ value: 'all', label: t('proxy.scope.all') }, { value: 'items', label: t('proxy.scope.items') }]} />
        </Form.Item>
        {scope === 'items' && (
          <Form.Item name="itemIds" label={t('proxy.items')} htmlFor="proxy-items" rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}>
            <ItemsSelect centerIds={[...new Set([user!.centerId, own?.parentId ?? user!.centerId])]} />
          </Form.Item>
        )}
        <Form.Item name="validUntil" label={t('proxy.validUntil')} rules={[{ required: true, message: t('form.required') }]}><Input type="date" min={deviceToday()} /></Form.Item>
        <Form.Item label={t('proxy.document')} required>
          <FileButton className="proxy-doc" onFiles={([f]) => void downscale(f, f.name).then(setDoc)}>{t('proxy.documentAdd')}</FileButton>{' '}
          {doc && <span className="proxy-doc-name">{t('proxy.documentReady', { name: doc.name })}</span>}
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" disabled={!doc}>{t('proxy.save')}</Button>
      </Form>
    </Card>
  )
}

export function ProxyLine({ p, today }: { p: StandingProxy; today: string }) {
  const state = proxyState(p, today)
  return (
    <div>
      <div><b>{p.principalName}</b> {p.principalIdNumber} · {p.principalPhone} <Tag color={STATE_COLOR[state]}>{t(`proxy.state.${state}` as MessageKey)}</Tag></div>
      <div>{t('proxy.line', { proxy: p.proxyName, until: p.validUntil, room: p.centerName })}</div>
      <div>{p.scope === 'all' ? t('proxy.scope.all') : t('proxy.listed', { items: p.itemNames.map((n, i) => n ?? String(p.itemIds[i])).join('、') })}</div>
      {p.revokedAt && <Typography.Text type="secondary">{t('proxy.revokedWhy', { reason: p.revokeReason ?? '' })}</Typography.Text>}
    </div>
  )
}

export default function ProxiesPage() {
  const list = useLoad((s) => loadProxies(s), [])
  const confirm = useReasonConfirm()
  const today = deviceToday()
  const revoke = (p: StandingProxy) => confirm({
    title: t('proxy.revokeTitle', { name: p.principalName }), okText: t('proxy.revoke'), label: t('proxy.revokeReason'), fallback: t('proxy.revokeDefault'),
    write: (reason) => api.post(`/api/proxies/${p.id}/revoke`, { reason }), success: t('proxy.revoked'), then: list.reload,
  })
  return (
    <div className="proxies-page levels-big">
      <Typography.Title level={2}>{t('menu.proxies')}</Typography.Title>
      <RegisterCard onDone={list.reload} />
      <Typography.Title level={3} style={{ marginTop: 16 }}>{t('proxy.list')}</Typography.Title>
      {list.data?.fromDevice && <Alert type="warning" showIcon title={t('proxy.fromDevice')} style={{ marginBottom: 8 }} />}
      <List<StandingProxy> loading={list.loading} dataSource={list.data?.proxies ?? []} locale={{ emptyText: <Empty description={t('proxy.none')} /> }}
        renderItem={(p) => (
          <List.Item key={p.id} className="proxy-item" data-proxy={p.id}>
            <Card size="small" style={{ width: '100%' }}>
              <ProxyLine p={p} today={today} />
              <Space wrap style={{ marginTop: 8 }}>
                <a href={`/api/proxies/${p.id}/document`} target="_blank" rel="noreferrer">{t('proxy.viewDocument')}</a>
                {proxyState(p, today) === 'active' && navigator.onLine && <Button danger onClick={() => revoke(p)}>{t('proxy.revoke')}</Button>}
              </Space>
            </Card>
          </List.Item>
        )} />
    </div>
  )
}
