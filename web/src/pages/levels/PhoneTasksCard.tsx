// 电话告知: messages that never reached the applicant's phone (the provider refused them, or every retry failed),
// for the case's intake window or village agent to phone the applicant and record what they said. Hidden when empty.
import { Alert, Button, Card, Input, List, Space, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router'
import { api } from '../../api'
import { t } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import type { ApiResponse, Row } from '../../lib/apiTypes'

type PhoneTask = Row<ApiResponse<'/api/phone-tasks', 'get'>['tasks']>

function Task({ task, caseLink, onDone }: { task: PhoneTask; caseLink: string; onDone(): void }) {
  const [note, setNote] = useState('')
  const run = useAction()
  return (
    <Card size="small" className="phone-task" data-case={task.number}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div>{t('phoneTask.case')} <Link to={caseLink}>{task.number}</Link> · {task.itemName}</div>
        <div>{t('phoneTask.applicant')}：{task.applicantName} <a href={`tel:${task.phone}`}><Button size="large" type="primary">{t('phoneTask.call', { phone: task.phone })}</Button></a></div>
        <Typography.Text type="secondary">{t('phoneTask.message')}（{dateTime(task.createdAt)}）：{task.body}</Typography.Text>
        {task.lastError && <Typography.Text type="secondary">{t('phoneTask.reason')}：{task.lastError}</Typography.Text>}
        {(task.agentName || task.windowName) && <Typography.Text type="secondary">{t('phoneTask.for')}：{task.agentName ?? task.windowName}</Typography.Text>}
        <Input.TextArea aria-label={t('phoneTask.note')} placeholder={t('phoneTask.notePlaceholder')} value={note} maxLength={200} autoSize onChange={(e) => setNote(e.target.value)} />
        <Button size="large" disabled={!note.trim()} onClick={() => run(() => api.post(`/api/phone-tasks/${task.id}/done`, { note }), { success: t('phoneTask.saved'), then: onDone })}>
          {t('phoneTask.done')}
        </Button>
      </Space>
    </Card>
  )
}

/** `caseLink`: where a case opens for this audience (the window's case page, the agent's levels page). */
export function PhoneTasksCard({ caseLink }: { caseLink(id: number): string }) {
  const tasks = useLoad((s) => api.get<{ tasks: PhoneTask[] }>('/api/phone-tasks', undefined, s), [])
  const list = tasks.data?.tasks ?? []
  if (!list.length) return null
  return (
    <Card title={`${t('phoneTask.title')}（${list.length}）`} className="phone-tasks">
      <Alert type="warning" showIcon title={t('phoneTask.hint')} style={{ marginBottom: 12 }} />
      <List<PhoneTask> dataSource={list} renderItem={(x) => <List.Item key={x.id}><Task task={x} caseLink={caseLink(x.caseId)} onDone={tasks.reload} /></List.Item>} />
    </Card>
  )
}
