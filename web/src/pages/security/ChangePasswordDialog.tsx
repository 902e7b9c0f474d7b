// 修改密码: a signed-in user changes their own password with the current one (PUT /api/session/password).
import { Alert, App, Form, Input, Modal, Typography } from 'antd'
import { api } from '../../api'
import { t } from '../../i18n'
import { useFormSubmit } from '../../lib/forms'

interface Values { currentPassword: string; newPassword: string; confirm: string }

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [form] = Form.useForm<Values>()
  const { busy, error, submit } = useFormSubmit(form)
  const { message } = App.useApp()

  const finish = (v: Values) => submit(async () => {
    await api.put('/api/session/password', { currentPassword: v.currentPassword, newPassword: v.newPassword })
    message.success(t('password.changed'))
    onClose()
  })

  return (
    <Modal open={open} title={t('password.change')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      destroyOnHidden okText={t('common.save')} cancelText={t('common.cancel')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t('password.policy')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={finish} preserve={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t('password.confirm')} dependencies={['newPassword']} rules={[
          { required: true, message: t('form.required') },
          ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))) }),
        ]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
