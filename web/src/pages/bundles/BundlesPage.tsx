// `/app/bundles` 一件事管理: the administrator defines a bundle (新生儿出生一件事 …) from published items the center
// offers, of one or several departments, with a shared form asked once; edits it (cases already taken keep their
// parts) and retires it or brings it back. The server refuses items the center does not offer, naming them.
import { Button, Checkbox, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import { FormDrawer } from '../../components/FormDrawer'
import { PageHead } from '../../components/PageHead'
import { RetireLink } from '../../components/RetireLink'
import { StatusTag } from '../../components/StatusTag'
import { t } from '../../i18n'
import { useAction } from '../../lib/useAction'
import type { ItemSummary } from '../../lib/types'
import { useLoad } from '../../lib/useLoad'
import { allowed } from '../../menu'
import { useSession } from '../../session'
import type { Bundle, BundleField } from './bundleTypes'

interface BundleForm { name: string; description?: string; itemIds: number[]; fields?: Partial<BundleField>[] }

/** Each field keeps its key; a new one gets the next free f<n>. */
function fieldsBody(fields: Partial<BundleField>[] = []): BundleField[] {
  const taken = new Set(fields.map((f) => f.key).filter(Boolean))
  let n = 0
  const next = () => { do n++; while (taken.has(`f${n}`)); return `f${n}` }
  return fields.filter((f) => f.label?.trim()).map((f) => ({ key: f.key || next(), label: f.label!.trim(), required: !!f.required }))
}

export default function BundlesPage() {
  const { user } = useSession()
  const canEdit = allowed(user.roles, 'catalog.edit')
  const run = useAction()
  const list = useLoad((s) => api.get<{ bundles: Bundle[] }>('/api/bundles', { centerId: user.centerId, withRetired: true }, s), [user.centerId])
  const [editing, setEditing] = useState<Bundle | 'new' | null>(null)
  const [items, setItems] = useState<ItemSummary[]>([])
  const search = (q: string) => api.get<{ items: ItemSummary[] }>('/api/public/items', { q, centerId: user.centerId, pageSize: 30 }).then((r) => setItems(r.items))
  const current = editing && editing !== 'new' ? editing : null
  const options = [...(current?.items.map((i) => ({ value: i.id, label: `${i.name}（${i.departmentName}）` })) ?? []),
    ...items.filter((i) => !current?.items.some((x) => x.id === i.id)).map((i) => ({ value: i.id, label: `${i.name}（${i.departmentName}）` }))]

  async function save(v: BundleForm) {
    const body = { name: v.name.trim(), description: v.description?.trim() ?? '', itemIds: v.itemIds, fields: fieldsBody(v.fields) }
    if (current) await api.put(`/api/bundles/${current.id}`, body)
    else await api.post('/api/bundles', { ...body, centerId: user.centerId })
    list.reload()
  }

  return (
    <>
      <PageHead title={t('menu.bundles')} extra={canEdit && <Button type="primary" onClick={() => { setEditing('new'); void search('') }}>{t('bundle.create')}</Button>} />
      <Table<Bundle> rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.bundles ?? []} pagination={false} className="bundles-table" columns={[
        { title: t('common.name'), dataIndex: 'name', width: 180 },
        { title: t('bundle.items'), render: (_, b) => <Space wrap size={4}>{b.items.map((i) => <Tag key={i.id}>{i.name} · {i.departmentName}</Tag>)}</Space> },
        { title: t('bundle.form'), render: (_, b) => b.fields.map((f) => f.label).join('、') || '—' },
        { title: t('bundle.center'), dataIndex: 'centerName', width: 150 },
        { title: t('common.status'), dataIndex: 'status', width: 80, render: (s: string) => <StatusTag status={s} /> },
        ...(canEdit ? [{
          title: t('common.actions'), key: 'actions', width: 140,
          render: (_: unknown, b: Bundle) => (
            <Space>
              <a onClick={() => { setEditing(b); void search('') }}>{t('common.edit')}</a>
              {b.status === 'active'
                ? <RetireLink url={`/api/bundles/${b.id}/retire`} confirm={t('bundle.retireConfirm', { name: b.name })} onDone={list.reload} />
                : <Popconfirm title={t('bundle.restoreConfirm', { name: b.name })} onConfirm={() => run(() => api.post(`/api/bundles/${b.id}/restore`), { then: list.reload })}><a>{t('bundle.restore')}</a></Popconfirm>}
            </Space>
          ),
        }] : []),
      ]} />
      <FormDrawer<BundleForm> title={current ? t('bundle.edit', { name: current.name }) : t('bundle.create')} open={editing !== null} onClose={() => setEditing(null)} onSubmit={save} width={640}
        initialValues={current ? { name: current.name, description: current.description, itemIds: current.items.map((i) => i.id), fields: current.fields } : { itemIds: [], fields: [] }}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} placeholder={t('bundle.namePlaceholder')} /></Form.Item>
        <Form.Item name="description" label={t('bundle.description')}><Input maxLength={500} /></Form.Item>
        <Form.Item name="itemIds" label={t('bundle.items')} extra={t('bundle.itemsHint')} rules={[{ required: true, type: 'array', min: 2, message: t('bundle.itemsMin') }]}>
          <Select mode="multiple" aria-label={t('bundle.items')} showSearch={{ filterOption: false, onSearch: (q) => void search(q) }} options={options} />
        </Form.Item>
        <Form.List name="fields">
          {(fields, { add, remove }) => (
            <div className="bundle-fields">
              <div className="ant-form-item-label"><label>{t('bundle.form')}</label></div>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'key']} hidden><Input /></Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: t('bundle.fieldLabelRequired') }]}>
                    <Input maxLength={50} placeholder={t('bundle.fieldLabel')} aria-label={t('bundle.fieldLabel')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked"><Checkbox>{t('item.required')}</Checkbox></Form.Item>
                  <a className="danger-link" onClick={() => remove(f.name)}>{t('common.delete')}</a>
                </Space>
              ))}
              <div><Button onClick={() => add({ label: '', required: true })}>{t('bundle.addField')}</Button></div>
            </div>
          )}
        </Form.List>
      </FormDrawer>
    </>
  )
}
