// 接口令牌: bearer tokens for scripts and integrations. The token is shown once, right after it is created.
import { Alert, Button, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd'
import { NumberInput } from '../../components/NumberInput'
import { useState } from 'react'
import { api } from '../../api'
import { FormDrawer } from '../../components/FormDrawer'
import { PageHead } from '../../components/PageHead'
import { t } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import type { ApiResponse, Row } from '../../lib/apiTypes'

type Token = Row<ApiResponse<'/api/tokens', 'get'>['tokens']>

export default function TokensPage() {
  const tokens = useLoad((s) => api.get<{ tokens: Token[] }>('/api/tokens', undefined, s).then((r) => r.tokens), [])
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<string | null>(null)
  const run = useAction()

  async function create(v: { name: string; expiresInDays?: number | null }) {
    const r = await api.post<Token & { token: string }>('/api/tokens', { name: v.name, ...(v.expiresInDays ? { expiresInDays: v.expiresInDays } : {}) })
    setCreated(r.token)
    tokens.reload()
  }

  const state = (tk: Token) => {
    if (tk.revokedAt) return <Tag>{t('tokens.revoked')}</Tag>
    if (tk.expiresAt && new Date(tk.expiresAt) < new Date()) return <Tag color="orange">{t('tokens.expired')}</Tag>
    return <Tag color="green">{t('tokens.valid')}</Tag>
  }

  return (
    <>
      <PageHead title={t('menu.tokens')} extra={<Button type="primary" onClick={() => setCreating(true)}>{t('tokens.create')}</Button>} />
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      <Table<Token>
        rowKey="id" size="middle" loading={tokens.loading} dataSource={tokens.data ?? []} pagination={false} scroll={{ x: 720 }}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('version.createdAt'), dataIndex: 'createdAt', width: 170, render: dateTime },
          { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', width: 170, render: (d: string | null) => (d ? dateTime(d) : t('tokens.never')) },
          { title: t('common.status'), key: 'state', width: 90, render: (_: unknown, tk) => state(tk) },
          {
            title: t('common.actions'), key: 'actions', width: 90,
            render: (_: unknown, tk) => !tk.revokedAt && (
              <Popconfirm title={t('tokens.revokeConfirm', { name: tk.name })}
                onConfirm={() => run(() => api.delete(`/api/tokens/${tk.id}`), { success: t('tokens.revokedOk'), then: tokens.reload })}>
                <a className="danger-link">{t('tokens.revoke')}</a>
              </Popconfirm>
            ),
          },
        ]}
      />
      <FormDrawer<{ name: string; expiresInDays?: number | null }> title={t('tokens.create')} open={creating} onClose={() => setCreating(false)} onSubmit={create} initialValues={{ expiresInDays: 90 }}>
        <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input placeholder={t('tokens.namePlaceholder')} /></Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHint')}><NumberInput min={1} max={3650} style={{ width: '100%' }} /></Form.Item>
      </FormDrawer>
      <Modal open={!!created} title={t('tokens.createdTitle')} onCancel={() => setCreated(null)} footer={<Button type="primary" onClick={() => setCreated(null)}>{t('common.confirm')}</Button>}>
        <Alert type="warning" showIcon title={t('tokens.showOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: created ?? '' }} code className="token-value">{created}</Typography.Paragraph>
      </Modal>
    </>
  )
}
