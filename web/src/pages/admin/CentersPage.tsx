// 中心管理: the centers in my jurisdiction; create a town center or village room, edit, retire.
import { Link } from 'react-router'
import { Button, Form, Input, Select, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import { FormDrawer } from '../../components/FormDrawer'
import { PageHead } from '../../components/PageHead'
import { RetireLink } from '../../components/RetireLink'
import { StatusTag } from '../../components/StatusTag'
import { t } from '../../i18n'
import { levelLabel } from '../../lib/catalog'
import { listCenters, RECORD_STATUS_OPTIONS, type Center } from '../../lib/network'
import { useLoad } from '../../lib/useLoad'
import { allowed } from '../../menu'
import { useSession } from '../../session'

type CenterForm = Pick<Center, 'code' | 'name' | 'address' | 'phone' | 'note'> & { level?: string; parentId?: number | null }

export default function CentersPage() {
  const { user } = useSession()
  const canManage = allowed(user.roles, 'network.manage')
  const [filter, setFilter] = useState<{ level?: string; status?: string }>({ status: 'active' })
  const centers = useLoad((s) => listCenters(filter, s), [filter.level, filter.status])
  const [editing, setEditing] = useState<Center | 'new' | null>(null)
  const parents = (centers.data ?? []).filter((c) => c.level !== 'village' && c.status === 'active')

  async function save(v: CenterForm) {
    if (editing === 'new') await api.post('/api/centers', v)
    else if (editing) {
      const { code, name, address, phone, note } = v
      await api.patch(`/api/centers/${editing.id}`, { code, name, address, phone, note })
    }
    centers.reload()
  }

  return (
    <>
      <PageHead
        title={t('menu.centers')}
        extra={<>
          <Select allowClear placeholder={t('center.allLevels')} aria-label={t('center.allLevels')} style={{ width: 160 }} value={filter.level}
            onChange={(level?: string) => setFilter({ ...filter, level })}
            options={(['district', 'town', 'village'] as const).map((l) => ({ value: l, label: t(`level.${l}`) }))} />
          <Select style={{ width: 120 }} aria-label={t('common.status')} value={filter.status ?? ''} onChange={(s: string) => setFilter({ ...filter, status: s || undefined })}
            options={RECORD_STATUS_OPTIONS} />
          {canManage && <Button type="primary" onClick={() => setEditing('new')}>{t('center.create')}</Button>}
        </>}
      />
      <Table<Center>
        rowKey="id" size="middle" loading={centers.loading} dataSource={centers.data ?? []} scroll={{ x: 1000 }}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('common.name'), dataIndex: 'name', fixed: 'left', width: 200 },
          { title: t('center.level'), dataIndex: 'level', width: 90, render: (l: string) => <Tag color={l === 'district' ? 'red' : l === 'town' ? 'blue' : 'default'}>{levelLabel(l)}</Tag> },
          { title: t('common.code'), dataIndex: 'code', width: 110 },
          { title: t('center.parent'), dataIndex: 'parentName', width: 160, render: (p: string | null) => p ?? '—' },
          { title: t('common.address'), dataIndex: 'address', ellipsis: true },
          { title: t('common.phone'), dataIndex: 'phone', width: 140 },
          {
            title: t('common.hours'), dataIndex: 'hours', width: 230,
            // the one source of hours is the hall's settings: edited on 大厅设置 of the center
            render: (h: string, c: Center) => canManage && c.status === 'active' ? <Link to={`/app/hall/setup?centerId=${c.id}`} title={t('center.editHours')}>{h}</Link> : h,
          },
          { title: t('center.windows'), dataIndex: 'windowCount', width: 70 },
          { title: t('center.staff'), dataIndex: 'staffCount', width: 70 },
          { title: t('common.status'), dataIndex: 'status', width: 80, render: (s: string) => <StatusTag status={s} /> },
          ...(canManage ? [{
            title: t('common.actions'), key: 'actions', width: 130, fixed: 'right' as const,
            render: (_: unknown, c: Center) => c.status === 'active' && (
              <Space>
                <a onClick={() => setEditing(c)}>{t('common.edit')}</a>
                <RetireLink url={`/api/centers/${c.id}/retire`} confirm={t('center.retireConfirm', { name: c.name })} onDone={centers.reload}
                  success={t('center.retired')} failTitle={t('center.retireFailed')} />
              </Space>
            ),
          }] : []),
        ]}
      />
      <FormDrawer<CenterForm>
        title={editing === 'new' ? t('center.create') : t('center.edit')}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSubmit={save}
        initialValues={editing && editing !== 'new' ? editing : { level: 'village', address: '', phone: '', note: '' }}
      >
        {editing === 'new' && (
          <>
            <Form.Item name="level" label={t('center.level')} rules={[{ required: true }]}>
              <Select options={(['town', 'village'] as const).map((l) => ({ value: l, label: t(`level.${l}`) }))} />
            </Form.Item>
            <Form.Item name="parentId" label={t('center.parent')} rules={[{ required: true, message: t('center.parentRequired') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={parents.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item>
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true, message: t('form.required') }, { pattern: /^[A-Za-z0-9._-]+$/, message: t('form.codePattern') }]}><Input /></Form.Item>
        <Form.Item name="address" label={t('common.address')}><Input /></Form.Item>
        <Form.Item name="phone" label={t('common.phone')}><Input /></Form.Item>
        {editing && editing !== 'new' && (
          <Form.Item label={t('common.hours')}>
            <Link to={`/app/hall/setup?centerId=${editing.id}`}>{editing.hours}</Link><div>{t("center.hoursOnHallSetup")}</div>
          </Form.Item>
        )}
        <Form.Item name="note" label={t('center.note')}><Input.TextArea rows={3} /></Form.Item>
      </FormDrawer>
    </>
  )
}
