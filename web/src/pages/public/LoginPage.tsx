// `/login`: staff sign-in. 401 → 用户名或密码错误; 429 → the lockout message with the wait time.
import { Alert, Button, Card, Form, Input } from 'antd'
import { useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { ApiError, errorMessage } from '../../api'
import { t } from '../../i18n'
import { logIn } from '../../session'

function loginError(e: unknown): string {
  if (e instanceof ApiError && e.status === 401) return t('login.badCredentials')
  if (e instanceof ApiError && e.status === 429) {
    const seconds = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
    return seconds ? t('login.lockedOut', { minutes: Math.max(1, Math.ceil(seconds / 60)) }) : t('login.lockedOutNoTime')
  }
  return errorMessage(e)
}

/** Only same-site paths under /app are followed after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/app') && !next.startsWith('//') ? next : '/app'
}

export function LoginPage() {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const navigate = useNavigate()
  const [params] = useSearchParams()

  async function submit(values: { username: string; password: string }) {
    setBusy(true)
    setError(null)
    try {
      await logIn(values.username.trim(), values.password)
      navigate(safeNext(params.get('next')), { replace: true })
    } catch (e) {
      setError(loginError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="login-wrap">
      <Card className="login-card" title={t('login.title')}>
        {error && <Alert className="login-error" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>{t('login.submit')}</Button>
        </Form>
      </Card>
    </div>
  )
}
