// `/app/supervision`: yellow and red open steps in my jurisdiction, grouped by center, department, window and
// person, and a 督办 notice sent from any row.
import { Alert, Card, Col, Form, Input, Modal, Row, Segmented, Statistic, Table, Tabs, Tag, Button } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router'
import { api, errorMessage } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t, type MessageKey } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { LightTag, type Light } from './LightTag'
import type { ApiResponse } from '../../lib/apiTypes'

type Group = Board['byCenter'][number]
type LitStep = Board['steps'][number]
type Board = ApiResponse<'/api/supervision/lights', 'get'>

const GROUPS = [['byCenter', 'sv.byCenter'], ['byDepartment', 'sv.byDepartment'], ['byWindow', 'sv.byWindow'], ['byPerson', 'sv.byPerson']] as const

export default function SupervisionPage() {
  const [light, setLight] = useState<'all' | 'yellow' | 'red'>('all')
  const board = useLoad((s) => api.get<Board>('/api/supervision/lights', light === 'all' ? undefined : { light }, s), [light])
  const [notifying, setNotifying] = useState<LitStep | null>(null)
  const [form] = Form.useForm<{ message: string }>()
  const run = useAction()
  const b = board.data

  const send = async () => {
    const { message } = await form.validateFields()
    const ok = await run(() => api.post('/api/supervision/notices', { caseId: notifying!.caseId, message }), { success: t('sv.notified') })
    if (ok) { setNotifying(null); form.resetFields(); board.reload() }
  }

  return (
    <>
      <PageHead title={t('menu.supervision')} extra={b && <span>{t('sv.today', { date: b.today })}</span>} />
      {board.error && <Alert type="error" showIcon title={t('error.loadFailed', { message: errorMessage(board.error) })} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}><Card><Statistic title={t('sv.yellow')} value={b?.totals.yellow ?? 0} styles={{ content: { color: '#d48806' } }} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('sv.red')} value={b?.totals.red ?? 0} styles={{ content: { color: '#c8102e' } }} /></Card></Col>
      </Row>
      <Card style={{ marginBottom: 16 }}>
        <Tabs items={GROUPS.map(([k, label]) => ({
          key: k, label: t(label),
          children: <Table<Group> rowKey="key" size="small" pagination={{ pageSize: 10 }} dataSource={b?.[k] ?? []} columns={[
            { title: t('sv.name'), dataIndex: 'name' },
            { title: t('sv.yellow'), dataIndex: 'yellow', width: 90 },
            { title: t('sv.red'), dataIndex: 'red', width: 90 },
          ]} />,
        }))} />
      </Card>
      <Card title={t('sv.steps')} extra={<Segmented value={light} onChange={(v) => setLight(v as typeof light)} options={[
        { value: 'all', label: t('sv.all') }, { value: 'yellow', label: t('light.yellow') }, { value: 'red', label: t('light.red') }]} />}>
        <Table<LitStep> className="lights-table" rowKey="stepId" size="middle" loading={board.loading} dataSource={b?.steps ?? []} scroll={{ x: 960 }}
          onRow={(r) => ({ 'data-case': r.number } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('sv.light'), dataIndex: 'light', width: 80, render: (l: Light) => <LightTag light={l} /> },
            { title: t('sv.caseNumber'), dataIndex: 'number', width: 190, render: (n: string, r) => (
              <>
                <Link to={`/app/cases/${r.caseId}`}>{n}</Link>
                {r.urgedAt && <div><Tag color="orange" className="urged" title={t('sv.urgedAt', { at: dateTime(r.urgedAt) })}>{t('sv.urged')}</Tag></div>}
              </>
            ) },
            { title: t('sv.item'), dataIndex: 'itemName' },
            { title: t('sv.step'), dataIndex: 'kind', width: 70, render: (k: string) => t(`step.${k}` as MessageKey) },
            { title: t('sv.center'), dataIndex: 'centerName' },
            { title: t('sv.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
            { title: t('sv.person'), dataIndex: 'personName', width: 90, render: (v: string | null) => v ?? '—' },
            { title: t('sv.due'), dataIndex: 'dueDate', width: 110 },
            { title: t('common.actions'), width: 80, render: (_: unknown, r) => <Button size="small" onClick={() => setNotifying(r)}>{t('sv.notify')}</Button> },
          ]} />
      </Card>
      <Modal open={!!notifying} title={notifying ? t('sv.notifyTitle', { number: notifying.number }) : ''} onOk={send} onCancel={() => setNotifying(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="message" label={t('sv.message')} rules={[{ required: true, whitespace: true, message: t('sv.messageRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
