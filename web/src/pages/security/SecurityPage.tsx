// 安全审计: failed logins and blocks in the user's jurisdiction (managers, supervisors, administrators), and the
// administrator's security settings (maximum token lifetime).
import { Alert, App, Button, Card, Form, Input, Table, Tag } from 'antd'
import { NumberInput } from '../../components/NumberInput'
import { useEffect, useState } from 'react'
import { api, errorMessage } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t, type MessageKey } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'
import type { ApiResponse } from '../../lib/apiTypes'

type LoginEvent = Page['events'][number]
type Page = ApiResponse<'/api/security/login-events', 'get'>

function detail(e: LoginEvent): string {
  if (e.action === 'login.locked' && e.scope) {
    return t('security.lockedFor', { scope: t(`security.scope.${e.scope}` as MessageKey), minutes: Math.max(1, Math.round((e.seconds ?? 60) / 60)) })
  }
  return e.failures ? t('security.failures', { n: e.failures }) : ''
}

export default function SecurityPage() {
  const { user } = useSession()
  const [username, setUsername] = useState<string | undefined>()
  const [more, setMore] = useState<LoginEvent[]>([])
  const [next, setNext] = useState<number | null>(null)
  const first = useLoad((s) => api.get<Page>('/api/security/login-events', { username, limit: 50 }, s), [username])
  useEffect(() => { setMore([]); setNext(first.data?.nextBefore ?? null) }, [first.data])

  async function loadMore() {
    if (!next) return
    const p = await api.get<Page>('/api/security/login-events', { username, limit: 50, before: next })
    setMore((m) => [...m, ...p.events])
    setNext(p.nextBefore)
  }

  return (
    <>
      <PageHead title={t('menu.security')} extra={
        <Input.Search allowClear placeholder={t('security.filterUsername')} style={{ width: 220 }} onSearch={(v) => setUsername(v.trim() || undefined)} />
      } />
      {user.roles.includes('admin') && <SettingsCard />}
      <Card title={t('security.events')}>
        <Alert type="info" showIcon title={t('security.eventsIntro')} style={{ marginBottom: 12 }} />
        {first.error ? <Alert type="error" showIcon title={t('error.loadFailed', { message: errorMessage(first.error) })} style={{ marginBottom: 12 }} /> : null}
        <Table<LoginEvent>
          rowKey="id" size="middle" loading={first.loading} dataSource={[...(first.data?.events ?? []), ...more]} pagination={false} scroll={{ x: 820 }}
          columns={[
            { title: t('security.at'), dataIndex: 'at', width: 170, render: dateTime },
            { title: t('security.action'), dataIndex: 'action', width: 100, render: (a: string) => (a === 'login.locked' ? <Tag color="red">{t('security.locked')}</Tag> : <Tag color="orange">{t('security.failed')}</Tag>) },
            { title: t('security.username'), dataIndex: 'username', render: (u: string, e) => (e.knownUser ? u : <>{u} <Tag>{t('security.unknownUser')}</Tag></>) },
            { title: t('security.ip'), dataIndex: 'ip', width: 150 },
            { title: t('security.center'), dataIndex: 'centerName', width: 160, render: (c: string | null) => c ?? '—' },
            { title: t('security.detail'), key: 'detail', render: (_: unknown, e) => detail(e) },
          ]}
        />
        {next && <Button style={{ marginTop: 12 }} onClick={() => void loadMore()}>{t('security.more')}</Button>}
      </Card>
    </>
  )
}

function SettingsCard() {
  const settings = useLoad((s) => api.get<{ maxTokenDays: number }>('/api/security/settings', undefined, s), [])
  const [form] = Form.useForm<{ maxTokenDays: number }>()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => { if (settings.data) form.setFieldsValue(settings.data) }, [settings.data, form])

  async function save(v: { maxTokenDays: number }) {
    setBusy(true); setError(null)
    try {
      const r = await api.put<{ tokensShortened: number }>('/api/security/settings', v)
      message.success(t('security.settingsSaved', { n: r.tokensShortened }))
    } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }

  return (
    <Card title={t('security.settings')} style={{ marginBottom: 16 }} loading={settings.loading && !settings.data}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="inline" onFinish={save}>
        <Form.Item name="maxTokenDays" label={t('security.maxTokenDays')} extra={t('security.maxTokenDaysHint')} rules={[{ required: true, message: t('form.required') }]}>
          <NumberInput min={1} max={3650} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>{t('common.save')}</Button>
      </Form>
    </Card>
  )
}
