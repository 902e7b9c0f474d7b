// 离线待处理件 for the town (and the district): offline intakes of the rooms below that the server refused, kept with
// why, so the town can ring the agent or record the case at its window, and give one up with the reason. Hidden when empty.
import { Alert, Button, Card, List, Space, Typography } from 'antd'
import { api } from '../../api'
import { t } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { useReasonConfirm } from '../../lib/useReasonConfirm'

interface OfflineTask {
  id: number; agentName: string; centerName: string; offlineNumber: string; receivedAt: string; reason: string; details: unknown; attempts: number
  updatedAt: string; intake: { applicantName: string; applicantIdNumber: string }
}

const why = (task: OfflineTask) => (Array.isArray(task.details) && task.details.length ? task.details.map((d: { message?: string }) => d.message).filter(Boolean).join('；') : task.reason)

export function OfflineTasksCard() {
  const tasks = useLoad((s) => api.get<{ tasks: OfflineTask[] }>('/api/agency/offline-tasks', undefined, s), [])
  const confirm = useReasonConfirm()
  const list = tasks.data?.tasks ?? []
  if (!list.length) return null
  const drop = (task: OfflineTask) => confirm({
    title: t('offline.dropTitle', { number: task.offlineNumber }), okText: t('offline.drop'), label: t('offline.dropReason'), fallback: t('offline.dropDefault'),
    write: (reason) => api.post(`/api/agency/offline-tasks/${task.id}/drop`, { reason }), success: t('offline.dropped'), then: tasks.reload,
  })
  return (
    <Card size="small" title={t('offlineTask.title', { n: list.length })} className="offline-tasks" style={{ marginBottom: 12 }}>
      <Alert type="info" showIcon title={t('offlineTask.hint')} style={{ marginBottom: 8 }} />
      <List<OfflineTask> size="small" dataSource={list} renderItem={(task) => (
        <List.Item key={task.id} className="offline-task" data-offline-number={task.offlineNumber}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <div><b>{task.offlineNumber}</b> · {task.intake.applicantName} {task.intake.applicantIdNumber} · {t('offlineTask.by', { agent: task.agentName, room: task.centerName })}</div>
            <div>{t('offlineTask.received', { at: dateTime(task.receivedAt), tries: task.attempts, last: dateTime(task.updatedAt) })}</div>
            <Typography.Text type="danger">{why(task)}</Typography.Text>
            <Button danger size="small" onClick={() => drop(task)}>{t('offline.drop')}</Button>
          </Space>
        </List.Item>
      )} />
    </Card>
  )
}
