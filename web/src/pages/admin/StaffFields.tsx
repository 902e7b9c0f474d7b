// The staff form's fields; the windows offered are those of the chosen center.
import { Checkbox, Form, Input, Select } from 'antd'
import { ROLES, type Role } from '../../../../src/domain/vocabulary.js'
import { api } from '../../api'
import { t } from '../../i18n'
import type { ServiceWindow } from '../../lib/network'
import { useLoad } from '../../lib/useLoad'

export interface StaffForm { username: string; name: string; password: string; roles: Role[]; centerId: number; windowId: number | null; phone: string }

export function StaffFields({ isNew, centerOptions }: { isNew: boolean; centerOptions: { value: number; label: string }[] }) {
  const form = Form.useFormInstance<StaffForm>()
  const centerId = Form.useWatch<number | undefined>('centerId')
  const windows = useLoad((signal) => (centerId
    ? api.get<{ windows: ServiceWindow[] }>('/api/windows', { centerId }, signal).then((r) => r.windows.filter((w) => w.status !== 'retired'))
    : Promise.resolve([])), [centerId])

  return (
    <>
      {isNew && (
        <Form.Item name="username" label={t('login.username')} extra={t('staff.usernameHint')}
          rules={[{ required: true, message: t('form.required') }, { pattern: /^[A-Za-z0-9._-]{2,50}$/, message: t('staff.usernamePattern') }]}>
          <Input autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item>
      {isNew && (
        <Form.Item name="password" label={t('staff.password')} extra={t('staff.passwordRule')}
          rules={[{ required: true, message: t('form.required') }, { min: 8, message: t('staff.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Form.Item name="roles" label={t('workbench.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('staff.rolesRequired') }]}>
        <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Form.Item>
      <Form.Item name="centerId" label={t('workbench.center')} rules={[{ required: true, message: t('form.required') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={centerOptions} onChange={() => form.setFieldValue('windowId', null)} />
      </Form.Item>
      <Form.Item name="windowId" label={t('workbench.window')}>
        <Select allowClear loading={windows.loading}
          options={(windows.data ?? []).map((w) => ({ value: w.id, label: t('item.windowLabel', { number: w.number, name: w.name }) }))} />
      </Form.Item>
      <Form.Item name="phone" label={t('common.phone')}><Input /></Form.Item>
    </>
  )
}
