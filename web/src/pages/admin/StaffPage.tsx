// 人员管理: staff accounts of my centers: create with a password, roles and window; edit, reset password, retire.
import { App, Button, Select, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import { FormDrawer } from '../../components/FormDrawer'
import { PageHead } from '../../components/PageHead'
import { RetireLink } from '../../components/RetireLink'
import { StatusTag } from '../../components/StatusTag'
import { t } from '../../i18n'
import { RECORD_STATUS_OPTIONS, useCenterOptions, type Staff } from '../../lib/network'
import { useLoad } from '../../lib/useLoad'
import { allowed } from '../../menu'
import { useSession } from '../../session'
import { PasswordDialog } from './PasswordDialog'
import { StaffFields, type StaffForm } from './StaffFields'

export default function StaffPage() {
  const { user } = useSession()
  const { message } = App.useApp()
  const canManage = allowed(user.roles, 'users.manage')
  const [centerId, setCenterId] = useState<number | undefined>(user.centerId)
  const [status, setStatus] = useState('active')
  const { options: centerOptions } = useCenterOptions()
  const staff = useLoad((s) => api.get<{ staff: Staff[] }>('/api/staff', { centerId, status: status || undefined }, s).then((r) => r.staff), [centerId, status])
  const [editing, setEditing] = useState<Staff | 'new' | null>(null)
  const [resetting, setResetting] = useState<Staff | null>(null)

  async function save(v: StaffForm) {
    const common = { name: v.name, roles: v.roles, centerId: v.centerId, windowId: v.windowId ?? null, phone: v.phone ?? '' }
    if (editing === 'new') await api.post('/api/staff', { ...common, username: v.username, password: v.password })
    else if (editing) await api.patch(`/api/staff/${editing.id}`, common)
    // Saved under another center than the list shows: switch the list there, so the person is seen.
    if (centerId !== undefined && v.centerId !== centerId) {
      setCenterId(v.centerId)
      const center = centerOptions.find((o) => o.value === v.centerId)?.label ?? ''
      message.info(t('staff.savedElsewhere', { name: v.name, center: String(center) }))
    } else staff.reload()
  }

  return (
    <>
      <PageHead
        title={t('menu.users')}
        extra={<>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('common.allCenters')} style={{ width: 240 }} aria-label={t('a11y.filterCenter')}
            value={centerId} onChange={(v?: number) => setCenterId(v)} options={centerOptions} />
          <Select style={{ width: 110 }} value={status} onChange={setStatus} aria-label={t('a11y.filterStatus')}
            options={RECORD_STATUS_OPTIONS} />
          {canManage && <Button type="primary" onClick={() => setEditing('new')}>{t('staff.create')}</Button>}
        </>}
      />
      <Table<Staff>
        rowKey="id" size="middle" loading={staff.loading} dataSource={staff.data ?? []} scroll={{ x: 1000 }}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('staff.name'), dataIndex: 'name', width: 100, fixed: 'left' },
          { title: t('login.username'), dataIndex: 'username', width: 170 },
          { title: t('workbench.roles'), dataIndex: 'roles', render: (rs: Staff['roles']) => rs.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>) },
          { title: t('workbench.center'), dataIndex: 'centerName', width: 170 },
          { title: t('workbench.window'), dataIndex: 'windowName', width: 120, render: (w: string | null) => w ?? '—' },
          { title: t('common.phone'), dataIndex: 'phone', width: 130 },
          { title: t('common.status'), dataIndex: 'status', width: 80, render: (s: string) => <StatusTag status={s} /> },
          ...(canManage ? [{
            title: t('common.actions'), key: 'actions', width: 190, fixed: 'right' as const,
            render: (_: unknown, s: Staff) => s.status === 'active' && (
              <Space>
                <a onClick={() => setEditing(s)}>{t('common.edit')}</a>
                <a onClick={() => setResetting(s)}>{t('staff.resetPassword')}</a>
                <RetireLink url={`/api/staff/${s.id}/retire`} confirm={t('staff.retireConfirm', { name: s.name })} onDone={staff.reload} />
              </Space>
            ),
          }] : []),
        ]}
      />
      <FormDrawer<StaffForm>
        title={editing === 'new' ? t('staff.create') : t('staff.edit')}
        open={editing !== null} onClose={() => setEditing(null)} onSubmit={save}
        initialValues={editing && editing !== 'new' ? editing : { roles: ['clerk'], centerId: centerId ?? user.centerId, windowId: null, phone: '' }}
      >
        <StaffFields isNew={editing === 'new'} centerOptions={centerOptions} />
      </FormDrawer>
      <PasswordDialog staff={resetting} onClose={() => setResetting(null)} />
    </>
  )
}
