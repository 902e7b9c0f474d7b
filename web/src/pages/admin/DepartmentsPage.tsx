// 部门管理: departments of the centers in my jurisdiction, with 应进必进 (required) and the entry date.
import { Button, DatePicker, Divider, Form, Input, Select, Space, Switch, Table, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { api } from '../../api'
import { FormDrawer } from '../../components/FormDrawer'
import { PageHead } from '../../components/PageHead'
import { RetireLink } from '../../components/RetireLink'
import { StatusTag } from '../../components/StatusTag'
import { t } from '../../i18n'
import { useCenterOptions, type Department, type Staff } from '../../lib/network'
import { useLoad } from '../../lib/useLoad'
import { allowed } from '../../menu'
import { useSession } from '../../session'

interface DepartmentForm {
  code: string; name: string; shortName: string; centerId?: number; required: boolean; enteredOn: Dayjs | null; phone: string
  // the law's settings of an existing department (issue 18): who decides, where an applicant appeals, who stands in for the head
  reviewBody?: string; court?: string; reviewFirst?: boolean; windowMayRefuse?: boolean; headStandInUserId?: number | null; headAway?: boolean
}

export default function DepartmentsPage() {
  const { user } = useSession()
  const canManage = allowed(user.roles, 'network.manage')
  const [centerId, setCenterId] = useState<number | undefined>()
  const { options: centerOptions } = useCenterOptions()
  const departments = useLoad((s) => api.get<{ departments: Department[] }>('/api/departments', { centerId, status: 'active' }, s).then((r) => r.departments), [centerId])
  const [editing, setEditing] = useState<Department | 'new' | null>(null)
  // the head's stand-in is an approver of the same department (the server checks it too)
  const editingId = editing && editing !== 'new' ? editing.id : null
  const editingCenter = editing && editing !== 'new' ? editing.centerId : null
  const approvers = useLoad((s) => (editingCenter === null ? Promise.resolve([] as Staff[])
    : api.get<{ staff: Staff[] }>('/api/staff', { centerId: editingCenter, status: 'active' }, s).then((r) => r.staff)), [editingCenter])
  const standInOptions = (approvers.data ?? []).filter((u) => u.departmentId === editingId && u.roles.some((r) => r === 'approver' || r === 'department_head'))
    .map((u) => ({ value: u.id, label: `${u.name}（${u.username}）` }))

  async function save(v: DepartmentForm) {
    const body = { code: v.code, name: v.name, shortName: v.shortName ?? '', required: !!v.required, enteredOn: v.enteredOn ? v.enteredOn.format('YYYY-MM-DD') : null, phone: v.phone ?? '' }
    if (editing === 'new') await api.post('/api/departments', { ...body, centerId: v.centerId })
    else if (editing) {
      await api.patch(`/api/departments/${editing.id}`, {
        ...body, reviewBody: v.reviewBody?.trim() || null, court: v.court?.trim() || null, reviewFirst: !!v.reviewFirst,
        windowMayRefuse: !!v.windowMayRefuse, headStandInUserId: v.headStandInUserId ?? null, headAway: !!v.headAway,
      })
    }
    departments.reload()
  }

  const initial: Partial<DepartmentForm> = editing && editing !== 'new'
    ? { ...editing, enteredOn: editing.enteredOn ? dayjs(editing.enteredOn) : null, reviewBody: editing.reviewBody ?? '', court: editing.court ?? '' }
    : { required: false, enteredOn: null, shortName: '', phone: '', centerId: user.centerId }

  return (
    <>
      <PageHead
        title={t('menu.departments')}
        extra={<>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('common.allCenters')} aria-label={t('common.allCenters')} style={{ width: 240 }}
            value={centerId} onChange={(v?: number) => setCenterId(v)} options={centerOptions} />
          {canManage && <Button type="primary" onClick={() => setEditing('new')}>{t('department.create')}</Button>}
        </>}
      />
      <Table<Department>
        rowKey="id" size="middle" loading={departments.loading} dataSource={departments.data ?? []}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('common.name'), dataIndex: 'name', width: 200 },
          { title: t('department.shortName'), dataIndex: 'shortName', width: 90 },
          { title: t('common.code'), dataIndex: 'code', width: 100 },
          { title: t('department.center'), dataIndex: 'centerName', width: 180 },
          { title: t('board.required'), dataIndex: 'required', width: 90, render: (r: boolean) => (r ? <Tag color="red">{t('board.requiredTag')}</Tag> : '—') },
          { title: t('board.enteredOn'), dataIndex: 'enteredOn', width: 120, render: (d: string | null) => d ?? '—' },
          { title: t('center.windows'), dataIndex: 'windowCount', width: 70 },
          { title: t('department.items'), dataIndex: 'itemCount', width: 70 },
          { title: t('common.phone'), dataIndex: 'phone', width: 130 },
          { title: t('common.status'), dataIndex: 'status', width: 80, render: (s: string) => <StatusTag status={s} /> },
          ...(canManage ? [{
            title: t('common.actions'), key: 'actions', width: 130,
            render: (_: unknown, d: Department) => (
              <Space>
                <a onClick={() => setEditing(d)}>{t('common.edit')}</a>
                <RetireLink url={`/api/departments/${d.id}/retire`} confirm={t('department.retireConfirm', { name: d.name })} onDone={departments.reload} />
              </Space>
            ),
          }] : []),
        ]}
      />
      <FormDrawer<DepartmentForm>
        title={editing === 'new' ? t('department.create') : t('department.edit')}
        open={editing !== null} onClose={() => setEditing(null)} onSubmit={save} initialValues={initial}
      >
        {editing === 'new' && (
          <Form.Item name="centerId" label={t('department.center')} rules={[{ required: true, message: t('form.required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={centerOptions} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item>
        <Form.Item name="shortName" label={t('department.shortName')}><Input /></Form.Item>
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true, message: t('form.required') }, { pattern: /^[A-Za-z0-9._-]+$/, message: t('form.codePattern') }]}><Input /></Form.Item>
        <Form.Item name="required" label={t('board.required')} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="enteredOn" label={t('board.enteredOn')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="phone" label={t('common.phone')}><Input /></Form.Item>
        {editing !== 'new' && (
          <>
            <Divider>{t('department.legal')}</Divider>
            <Form.Item name="reviewBody" label={t('department.reviewBody')} extra={t('department.reviewBodyHint')}><Input placeholder={t('department.centerDefault')} /></Form.Item>
            <Form.Item name="court" label={t('department.court')} extra={t('department.courtHint')}><Input placeholder={t('department.centerDefault')} /></Form.Item>
            <Form.Item name="reviewFirst" label={t('department.reviewFirst')} valuePropName="checked" extra={t('department.reviewFirstHint')}><Switch /></Form.Item>
            <Form.Item name="windowMayRefuse" label={t('department.windowMayRefuse')} valuePropName="checked" extra={t('department.windowMayRefuseHint')}><Switch /></Form.Item>
            <Form.Item name="headStandInUserId" label={t('department.headStandIn')} extra={t('department.headStandInHint')}>
              <Select allowClear options={standInOptions} loading={approvers.loading} placeholder={t('department.headStandInNone')} />
            </Form.Item>
            <Form.Item name="headAway" label={t('department.headAway')} valuePropName="checked"><Switch /></Form.Item>
          </>
        )}
      </FormDrawer>
    </>
  )
}
