// A create/edit form in a drawer: saves through `onSubmit`, shows server field errors under their fields.
import { Alert, App, Button, Drawer, Form, Space } from 'antd'
import type { ReactNode } from 'react'
import { t } from '../i18n'
import { useFormSubmit } from '../lib/forms'

interface Props<T> {
  title: string
  open: boolean
  initialValues?: Partial<T>
  onClose(): void
  onSubmit(values: T): Promise<unknown>
  children: ReactNode
  width?: number
}

export function FormDrawer<T extends object>({ title, open, initialValues, onClose, onSubmit, children, width = 520 }: Props<T>) {
  const [form] = Form.useForm<T>()
  const { busy, error, clearError, submit } = useFormSubmit(form)
  const { message } = App.useApp()

  const finish = (values: T) => submit(async () => {
    await onSubmit(values)
    message.success(t('common.saved'))
    onClose()
  })

  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={Math.min(width, typeof window === 'undefined' ? width : window.innerWidth)}
      destroyOnHidden
      afterOpenChange={(o) => { if (!o) clearError() }}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{t('common.save')}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<T> form={form} layout="vertical" initialValues={initialValues} onFinish={finish} scrollToFirstError>
        {children}
      </Form>
    </Drawer>
  )
}
