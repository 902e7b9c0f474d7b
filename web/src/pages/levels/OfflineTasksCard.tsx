// 离线待处理件 for the town (and the district): offline intakes of the rooms below that the server refused, kept with
// why, so the town can ring the agent or record the case at its window, and give one up with the reason. Hidden when empty.
import { Alert, App, Button, Card, List, Space, Typography } from 'antd'
import { useAction } from '../../lib/useAction'
import { useSession } from '../../session'
import { othersOnDevice, queue, type QueuedIntake } from './offline/store'
import { api } from '../../api'
import { t } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { useReasonConfirm } from '../../lib/useReasonConfirm'
import type { ApiResponse, Row } from '../../lib/apiTypes'

type OfflineTask = Row<ApiResponse<'/api/agency/offline-tasks', 'get'>['tasks']>

const why = (task: OfflineTask) => (Array.isArray(task.details) && task.details.length ? task.details.map((d: { message?: string }) => d.message).filter(Boolean).join('；') : task.reason)

/** On a disabled agent's phone, signed in as the town's clerk: take what waits on it over as the agent's tasks. */
function DeviceHandover({ onDone }: { onDone(): void }) {
  const { user } = useSession()
  const left = useLoad(() => othersOnDevice(user!.username), [])
  const { modal } = App.useApp()
  const run = useAction()
  const byAgent = new Map<string, QueuedIntake[]>()
  for (const q of left.data ?? []) byAgent.set(q.userId, [...(byAgent.get(q.userId) ?? []), q])
  if (!byAgent.size) return null
  const adopt = (agent: string, intakes: QueuedIntake[]) => modal.confirm({
    title: t('offlineTask.adoptTitle', { agent, n: intakes.length }), content: t('offlineTask.adoptWarn', { photos: intakes.reduce((n, q) => n + q.photos.length, 0) }),
    okText: t('offlineTask.adopt'),
    onOk: () => run(async () => {
      await api.post('/api/agency/offline-tasks/adopt', { agent, intakes: intakes.map((q) => q.body) })
      for (const q of intakes) await queue.remove(q.key)
    }, { success: t('offlineTask.adopted'), then: () => { left.reload(); onDone() } }),
  })
  return (
    <Alert type="warning" showIcon className="offline-adopt" style={{ marginBottom: 8 }} title={t('offlineTask.onDevice')} description={
      <Space orientation="vertical">
        {[...byAgent].map(([agent, intakes]) => (
          <Button key={agent} onClick={() => adopt(agent, intakes)}>{t('offlineTask.adoptButton', { agent, n: intakes.length })}</Button>
        ))}
      </Space>
    } />
  )
}

export function OfflineTasksCard() {
  const tasks = useLoad((s) => api.get<{ tasks: OfflineTask[] }>('/api/agency/offline-tasks', undefined, s), [])
  const confirm = useReasonConfirm()
  const list = tasks.data?.tasks ?? []
  const handover = <DeviceHandover onDone={tasks.reload} />
  if (!list.length) return handover
  const drop = (task: OfflineTask) => confirm({
    title: t('offline.dropTitle', { number: task.offlineNumber }), okText: t('offline.drop'), label: t('offline.dropReason'), fallback: t('offline.dropDefault'),
    write: (reason) => api.post(`/api/agency/offline-tasks/${task.id}/drop`, { reason }), success: t('offline.dropped'), then: tasks.reload,
  })
  return (
    <Card size="small" title={t('offlineTask.title', { n: list.length })} className="offline-tasks" style={{ marginBottom: 12 }}>
      {handover}
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
