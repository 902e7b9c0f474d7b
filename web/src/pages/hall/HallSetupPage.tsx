// 大厅设置 /app/hall/setup (manager): opening hours, the display's notice, calls before a no-show, ticket
// categories (letter, name, items, slot capacity), which categories each window calls, and links to kiosk and display.
import { Button, Card, Form, Input, Select, Space, Switch, Table, Tag } from 'antd'
import { NumberInput } from '../../components/NumberInput'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { api } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t } from '../../i18n'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'
import type { HallSetup } from './hallTypes'

export default function HallSetupPage() {
  const { user } = useSession()
  const run = useAction()
  // an administrator or a town's manager opens another center's settings from 中心管理 (?centerId=)
  const [params] = useSearchParams()
  const centerId = Number(params.get('centerId')) || user.centerId
  const setup = useLoad((s) => api.get<HallSetup>(`/api/hall/centers/${centerId}`, undefined, s), [centerId])
  const items = useLoad((s) => api.get<{ items: { id: number; name: string }[] }>('/api/public/items', { centerId, pageSize: 100 }, s), [centerId])
  const [draft, setDraft] = useState<{ prefix: string; name: string; slotCapacity: number; itemIds: number[] }>({ prefix: '', name: '', slotCapacity: 4, itemIds: [] })
  const h = setup.data

  return (
    <>
      <PageHead title={h && h.centerId !== user.centerId ? `${t('menu.hallSetup')} · ${h.centerName}` : t('menu.hallSetup')} />
      {h && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={t('hallSetup.hours')} extra={<Space><a href={`/hall/kiosk/${centerId}`} target="_blank" rel="noreferrer">{t('hallSetup.kiosk')}</a><a href={`/hall/display/${centerId}`} target="_blank" rel="noreferrer">{t('hallSetup.display')}</a></Space>}>
            <p>{t('hallSetup.hoursHint')} {t('hallSetup.hoursPublished', { hours: h.hours })}</p>
            <Form layout="inline" initialValues={{ ...h, lunchStarts: h.lunchStarts ?? '', lunchEnds: h.lunchEnds ?? '' }} key={`${h.hours}-${h.notice}-${h.closed}`}
              onFinish={(v: Record<string, unknown>) => run(() => api.patch(`/api/hall/centers/${centerId}`, { ...v, lunchStarts: v.lunchStarts || null, lunchEnds: v.lunchEnds || null }), { then: setup.reload })}>
              <Form.Item name="opens" label={t('hallSetup.opens')}><Input style={{ width: 90 }} placeholder="08:30" /></Form.Item>
              <Form.Item name="lunchStarts" label={t('hallSetup.lunchStarts')}><Input style={{ width: 90 }} placeholder="12:00" /></Form.Item>
              <Form.Item name="lunchEnds" label={t('hallSetup.lunchEnds')}><Input style={{ width: 90 }} placeholder="14:00" /></Form.Item>
              <Form.Item name="closes" label={t('hallSetup.closes')}><Input style={{ width: 90 }} placeholder="17:30" /></Form.Item>
              <Form.Item name="maxCalls" label={t('hallSetup.maxCalls')}><NumberInput min={1} max={10} /></Form.Item>
              <Form.Item name="slotMinutes" label={t('hallSetup.slotMinutes')}><NumberInput min={10} max={240} /></Form.Item>
              <Form.Item name="closed" label={t('hallSetup.closed')} valuePropName="checked"><Switch /></Form.Item>
              <Form.Item name="notice" label={t('hallSetup.notice')} style={{ width: '100%', marginTop: 12 }}><Input.TextArea rows={2} maxLength={500} aria-label={t('hallSetup.notice')} /></Form.Item>
              <Button type="primary" htmlType="submit" style={{ marginTop: 12 }}>{t('common.save')}</Button>
            </Form>
          </Card>
          <Card title={t('hallSetup.categories')}>
            <Table rowKey="id" size="small" pagination={false} dataSource={h.categories}
              columns={[
                { title: t('hallSetup.prefix'), dataIndex: 'prefix' },
                { title: t('hallSetup.name'), dataIndex: 'name' },
                { title: t('hallSetup.items'), render: (_, c) => c.items.map((i) => i.name).join('、') || '—' },
                { title: t('hallSetup.capacity'), dataIndex: 'slotCapacity' },
                { title: t('common.status'), render: (_, c) => <Tag color={c.status === 'open' ? 'green' : 'orange'}>{c.status === 'open' ? t('status.open') : t('status.paused')}</Tag> },
                {
                  title: t('common.actions'),
                  render: (_, c) => <Button size="small" onClick={() => run(() => api.patch(`/api/hall/categories/${c.id}`, { status: c.status === 'open' ? 'paused' : 'open' }), { then: setup.reload })}>
                    {c.status === 'open' ? t('hallSetup.pause') : t('hallSetup.resume')}</Button>,
                },
              ]} />
            <Space wrap style={{ marginTop: 16 }}>
              <Input style={{ width: 80 }} placeholder={t('hallSetup.prefix')} aria-label={t('hallSetup.prefix')} maxLength={2} value={draft.prefix} onChange={(e) => setDraft({ ...draft, prefix: e.target.value.toUpperCase() })} />
              <Input style={{ width: 180 }} placeholder={t('hallSetup.name')} aria-label={t('hallSetup.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
              <Select mode="multiple" style={{ width: 320 }} placeholder={t('hallSetup.items')} aria-label={t('hallSetup.items')} optionFilterProp="label" value={draft.itemIds}
                onChange={(v: number[]) => setDraft({ ...draft, itemIds: v })} options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} />
              <NumberInput min={0} max={500} aria-label={t('hallSetup.capacity')} value={draft.slotCapacity} onChange={(v) => setDraft({ ...draft, slotCapacity: v ?? 0 })} />
              <Button type="primary" disabled={!draft.prefix || !draft.name} onClick={() => run(() => api.post('/api/hall/categories', { centerId, ...draft }), {
                then: () => { setDraft({ prefix: '', name: '', slotCapacity: 4, itemIds: [] }); setup.reload() },
              })}>{t('hallSetup.addCategory')}</Button>
            </Space>
          </Card>
          <Card title={t('hallSetup.windowCategories')}>
            <Table rowKey="id" size="small" pagination={false} dataSource={h.windows}
              columns={[
                { title: t('panel.window'), render: (_, w) => `${w.number} ${w.name}` },
                {
                  title: t('hallSetup.categories'),
                  render: (_, w) => <Select mode="multiple" style={{ minWidth: 300 }} placeholder={t('hallSetup.allCategories')} value={w.categoryIds}
                    aria-label={`${w.number} ${w.name} ${t('hallSetup.categories')}`}
                    onChange={(ids: number[]) => run(() => api.put(`/api/hall/windows/${w.id}/categories`, { categoryIds: ids }), { then: setup.reload })}
                    options={h.categories.map((c) => ({ value: c.id, label: `${c.prefix} ${c.name}` }))} />,
                },
              ]} />
          </Card>
        </Space>
      )}
    </>
  )
}
