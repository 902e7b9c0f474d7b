// Reset a staff member's password (POST /api/staff/:id/password).
import { Alert, App, Form, Input, Modal } from 'antd'
import { api } from '../../api'
import { t } from '../../i18n'
import { useFormSubmit } from '../../lib/forms'
import type { Staff } from '../../lib/network'

export function PasswordDialog({ staff, onClose }: { staff: Staff | null; onClose(): void }) {
  const [form] = Form.useForm<{ password: string }>()
  const { busy, error, submit } = useFormSubmit(form)
  const { message } = App.useApp()

  const finish = (v: { password: string }) => submit(async () => {
    if (!staff) return
    await api.post(`/api/staff/${staff.id}/password`, { password: v.password })
    message.success(t('staff.passwordReset'))
    onClose()
  })

  return (
    <Modal open={!!staff} title={t('staff.resetPasswordOf', { name: staff?.name ?? '' })} onCancel={onClose}
      onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden okText={t('common.save')} cancelText={t('common.cancel')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={finish} preserve={false}>
        <Form.Item name="password" label={t('staff.newPassword')} extra={t('staff.passwordRule')} rules={[{ required: true, message: t('form.required') }, { min: 8, message: t('staff.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
