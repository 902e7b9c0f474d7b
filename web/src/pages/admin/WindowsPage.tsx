// 窗口管理: windows of my centers, the departments and items each serves, and its AB岗 stand-in.
import { Button, Select, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import { FormDrawer } from '../../components/FormDrawer'
import { PageHead } from '../../components/PageHead'
import { RetireLink } from '../../components/RetireLink'
import { StatusTag } from '../../components/StatusTag'
import { t } from '../../i18n'
import { useCenterOptions, type ServiceWindow } from '../../lib/network'
import { useLoad } from '../../lib/useLoad'
import { allowed } from '../../menu'
import { useSession } from '../../session'
import { WindowFields } from './WindowFields'

interface WindowForm { centerId?: number; number: string; name: string; status: string; departmentIds: number[]; itemIds: number[]; standInUserId: number | null; staffIds: number[] }

export default function WindowsPage() {
  const { user } = useSession()
  const canManage = allowed(user.roles, 'network.manage')
  const [centerId, setCenterId] = useState<number | undefined>(user.centerId)
  const { options: centerOptions } = useCenterOptions()
  const windows = useLoad((s) => api.get<{ windows: ServiceWindow[] }>('/api/windows', { centerId }, s).then((r) => r.windows.filter((w) => w.status !== 'retired')), [centerId])
  const [editing, setEditing] = useState<ServiceWindow | 'new' | null>(null)

  async function save(v: WindowForm) {
    const body = { number: v.number, name: v.name, status: v.status, departmentIds: v.departmentIds ?? [], itemIds: v.itemIds ?? [], standInUserId: v.standInUserId ?? null, staffIds: v.staffIds ?? [] }
    if (editing === 'new') await api.post('/api/windows', { ...body, centerId: v.centerId })
    else if (editing) await api.patch(`/api/windows/${editing.id}`, body)
    windows.reload()
  }

  const initial: Partial<WindowForm> = editing && editing !== 'new'
    ? { ...editing, departmentIds: editing.departments.map((d) => d.id), standInUserId: editing.standIn?.id ?? null, staffIds: editing.staff.map((s) => s.id) }
    : { centerId: centerId ?? user.centerId, status: 'open', departmentIds: [], itemIds: [], standInUserId: null, staffIds: [] }

  return (
    <>
      <PageHead
        title={t('menu.windows')}
        extra={<>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('common.allCenters')} aria-label={t('common.allCenters')} style={{ width: 240 }}
            value={centerId} onChange={(v?: number) => setCenterId(v)} options={centerOptions} />
          {canManage && <Button type="primary" onClick={() => setEditing('new')}>{t('window.create')}</Button>}
        </>}
      />
      <Table<ServiceWindow>
        rowKey="id" size="middle" loading={windows.loading} dataSource={windows.data ?? []} scroll={{ x: 1000 }}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('window.number'), dataIndex: 'number', width: 70 },
          { title: t('common.name'), dataIndex: 'name', width: 140 },
          { title: t('window.center'), dataIndex: 'centerName', width: 170 },
          { title: t('window.departments'), dataIndex: 'departments', render: (ds: { id: number; name: string }[]) => ds.map((d) => <Tag key={d.id}>{d.name}</Tag>) },
          { title: t('window.items'), dataIndex: 'itemIds', width: 90, render: (ids: number[]) => ids.length },
          { title: t('window.staff'), dataIndex: 'staff', width: 140, render: (ss: { id: number; name: string }[]) => ss.map((s) => s.name).join('、') || '—' },
          { title: t('window.standIn'), dataIndex: 'standIn', width: 100, render: (s: { name: string } | null) => s?.name ?? <Tag color="orange">{t('window.noStandIn')}</Tag> },
          { title: t('common.status'), dataIndex: 'status', width: 80, render: (s: string) => <StatusTag status={s} /> },
          ...(canManage ? [{
            title: t('common.actions'), key: 'actions', width: 130, fixed: 'right' as const,
            render: (_: unknown, w: ServiceWindow) => (
              <Space>
                <a onClick={() => setEditing(w)}>{t('common.edit')}</a>
                <RetireLink url={`/api/windows/${w.id}/retire`} confirm={t('window.retireConfirm', { name: w.name })} onDone={windows.reload} label={t('window.retire')} />
              </Space>
            ),
          }] : []),
        ]}
      />
      <FormDrawer<WindowForm>
        title={editing === 'new' ? t('window.create') : t('window.edit')}
        open={editing !== null} onClose={() => setEditing(null)} onSubmit={save} initialValues={initial} width={600}
      >
        <WindowFields isNew={editing === 'new'} centerOptions={centerOptions} fixedCenterId={editing && editing !== 'new' ? editing.centerId : undefined} />
      </FormDrawer>
    </>
  )
}
