// A create/edit form in a drawer: saves through `onSubmit`, shows server field errors under their fields.
import { Alert, App, Button, Drawer, Form, Space } from 'antd'
import { useState, type ReactNode } from 'react'
import { t } from '../i18n'
import { showFormErrors } from '../lib/forms'

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
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const { message } = App.useApp()

  async function finish(values: T) {
    setBusy(true)
    setError(null)
    try {
      await onSubmit(values)
      message.success(t('common.saved'))
      onClose()
    } catch (e) {
      setError(showFormErrors(form, e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={Math.min(width, typeof window === 'undefined' ? width : window.innerWidth)}
      destroyOnHidden
      afterOpenChange={(o) => { if (!o) setError(null) }}
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
