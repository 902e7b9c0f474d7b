// 短信记录: what was sent to applicants (phones masked), with each attempt; administrators edit the templates
// (the managers' daily digest among them).
import { Input, Switch, Table, Tabs, Tag, Typography } from 'antd'
import { api } from '../../api'
import { t, type MessageKey } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'
import type { ApiResponse, Row } from '../../lib/apiTypes'

type Attempt = Message['attemptLog'][number]
type Message = Row<ApiResponse<'/api/messages', 'get'>['messages']>

const SENDERS = ['log', 'aliyun', 'tencent']

/** The last attempt: which sender, the provider's receipt, or why it failed (throttled marked). */
function LastAttempt({ a }: { a?: Attempt }) {
  if (!a) return null
  return (
    <span className="message-attempt">
      {SENDERS.includes(a.sender) ? t(`messages.sender.${a.sender}` as MessageKey) : a.sender}{a.receipt ? ` · ${t('messages.receipt')} ${a.receipt}` : ''}
      {a.throttled && <Tag color="orange" style={{ marginLeft: 4 }}>{t('messages.throttled')}</Tag>}
      {!a.ok && a.error && <Typography.Text type="secondary"> {a.error}</Typography.Text>}
    </span>
  )
}
type Template = Row<ApiResponse<'/api/message-templates', 'get'>['templates']>

function Templates() {
  const data = useLoad((s) => api.get<{ templates: Template[]; placeholders: string[]; digestPlaceholders: string[] }>('/api/message-templates', undefined, s), [])
  const run = useAction()
  const save = (tpl: Template) => run(() => api.put(`/api/message-templates/${tpl.key}`, { body: tpl.body, enabled: tpl.enabled }), { then: data.reload })
  return (
    <>
      <Typography.Paragraph type="secondary">{t('messages.templateHint', { placeholders: (data.data?.placeholders ?? []).map((p) => `{${p}}`).join(' ') })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('messages.digestHint', { placeholders: (data.data?.digestPlaceholders ?? []).map((p) => `{${p}}`).join(' ') })}</Typography.Paragraph>
      <Table<Template> rowKey="key" loading={data.loading} dataSource={data.data?.templates ?? []} pagination={false} columns={[
        { title: t('messages.kind'), dataIndex: 'key', width: 100, render: (k: string) => t(`messages.kind.${k}` as MessageKey) },
        { title: t('messages.body'), dataIndex: 'body', render: (b: string, tpl) => <Input.TextArea defaultValue={b} autoSize onBlur={(e) => e.target.value !== b && save({ ...tpl, body: e.target.value })} /> },
        { title: t('messages.enabled'), dataIndex: 'enabled', width: 80, render: (on: boolean, tpl) => <Switch checked={on} onChange={(v) => save({ ...tpl, enabled: v })} /> },
      ]} />
    </>
  )
}

export default function MessagesPage() {
  const { user } = useSession()
  const list = useLoad((s) => api.get<{ messages: Message[] }>('/api/messages', { limit: 200 }, s), [])
  const sent = (
    <Table<Message> rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.messages ?? []} pagination={{ pageSize: 50 }} scroll={{ x: 900 }}
      columns={[
        { title: t('messages.time'), dataIndex: 'createdAt', width: 160, render: dateTime },
        { title: t('messages.case'), dataIndex: 'number', width: 190 },
        { title: t('messages.kind'), dataIndex: 'templateKey', width: 80, render: (k: string) => t(`messages.kind.${k}` as MessageKey) },
        { title: t('messages.phone'), dataIndex: 'phone', width: 120 },
        { title: t('messages.body'), dataIndex: 'body' },
        { title: t('messages.status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={s === 'sent' ? 'green' : s === 'failed' ? 'red' : 'blue'} data-status={s}>{t(`messages.status.${s}` as MessageKey)}</Tag> },
        { title: t('messages.attempts'), dataIndex: 'attempts', width: 80 },
        { title: t('messages.via'), key: 'via', width: 220, render: (_: unknown, m) => <LastAttempt a={m.attemptLog.at(-1)} /> },
      ]} />
  )
  return (
    <>
      <h2>{t('messages.title')}</h2>
      {user.roles.includes('admin') ? <Tabs items={[{ key: 'sent', label: t('messages.title'), children: sent }, { key: 'tpl', label: t('messages.templates'), children: <Templates /> }]} /> : sent}
    </>
  )
}
