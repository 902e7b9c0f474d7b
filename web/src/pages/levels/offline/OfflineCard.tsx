// What waits on the device, what was sent (with its real number) and what needs the agent's attention; send now;
// the PIN that reopens the page offline; and what the browser may lose (Safari evicts stored data after days unused).
import { Alert, Button, Card, Input, List, Space, Tag, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { t, type MessageKey } from '../../../i18n'
import { pin, queue, type QueuedIntake } from './store'
import { syncQueue } from './sync'

const COLOR = { waiting: 'orange', sent: 'green', attention: 'red' } as const

export function useQueue(userId: string) {
  const [items, setItems] = useState<QueuedIntake[]>([])
  const [stopped, setStopped] = useState<'network' | 'login'>()
  const reload = useCallback(() => { void queue.all(userId).then(setItems) }, [userId])
  const sync = useCallback(async () => {
    if (!navigator.onLine) { reload(); return }
    const r = await syncQueue(userId)
    setStopped(r.stopped)
    reload()
  }, [userId, reload])
  useEffect(() => {
    void sync()
    const on = () => void sync()
    window.addEventListener('online', on)
    const timer = window.setInterval(on, 20_000)
    return () => { window.removeEventListener('online', on); window.clearInterval(timer) }
  }, [sync])
  return { items, stopped, reload, sync }
}

export function OfflineCard({ q, userId }: { q: ReturnType<typeof useQueue>; userId: string }) {
  const [hasPin, setHasPin] = useState<boolean>()
  const [newPin, setNewPin] = useState('')
  useEffect(() => { void pin.isSet(userId).then(setHasPin) }, [userId])
  const count = (s: QueuedIntake['status']) => q.items.filter((i) => i.status === s).length
  return (
    <Card title={t('offline.title')} className="offline-card" size="small">
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color="orange" data-count="waiting">{t('offline.waiting', { n: count('waiting') })}</Tag>
        <Tag color="green" data-count="sent">{t('offline.sent', { n: count('sent') })}</Tag>
        <Tag color="red" data-count="attention">{t('offline.attention', { n: count('attention') })}</Tag>
        <Button size="small" onClick={() => void q.sync()} disabled={!count('waiting')}>{t('offline.sendNow')}</Button>
      </Space>
      {q.stopped === 'login' && <Alert type="warning" showIcon title={t('offline.loginAgain')} style={{ marginBottom: 8 }} />}
      {q.items.length > 0 && (
        <List size="small" dataSource={[...q.items].reverse()} renderItem={(i) => (
          <List.Item className="offline-item" data-status={i.status} data-offline-number={i.body.offline.offlineNumber}>
            <div>
              <Tag color={COLOR[i.status]}>{t(`offline.status.${i.status}` as MessageKey)}</Tag>
              <b>{i.itemName}</b> · {i.applicantName}
              <div>{t('offline.slip', { number: i.body.offline.offlineNumber, code: i.body.offline.queryCode })}{i.number && <> → <span className="offline-real">{i.number}</span></>}</div>
              {i.photos.length > 0 && <div>{t('offline.photos', { n: i.photos.length })}</div>}
              {i.error && <Typography.Text type="danger">{i.error}</Typography.Text>}
            </div>
          </List.Item>
        )} />
      )}
      {hasPin === false && (
        <Space.Compact style={{ marginTop: 8 }}>
          <Input.Password placeholder={t('offline.pinSet')} value={newPin} maxLength={6} inputMode="numeric" aria-label={t('offline.pinSet')} onChange={(e) => setNewPin(e.target.value.replace(/\D/g, ''))} />
          <Button disabled={newPin.length < 4} onClick={() => void pin.set(userId, newPin).then(() => { setHasPin(true); setNewPin('') })}>{t('offline.pinSave')}</Button>
        </Space.Compact>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 13 }}>{t('offline.browsers')}</Typography.Paragraph>
    </Card>
  )
}

/** Offline, the page opens only with the agent's PIN (a lost phone does not show what waits on it). */
export function PinGate({ userId, children }: { userId: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(() => navigator.onLine)
  const [value, setValue] = useState('')
  const [wrong, setWrong] = useState(false)
  const [needed, setNeeded] = useState<boolean>()
  useEffect(() => { if (!open) void pin.isSet(userId).then((s) => { setNeeded(s); if (!s) setOpen(true) }) }, [open, userId])
  if (open) return <>{children}</>
  if (needed === undefined) return null
  const submit = async () => { if (await pin.check(userId, value)) setOpen(true); else { setWrong(true); setValue('') } }
  return (
    <Card title={t('offline.pinTitle')} className="pin-gate">
      <Space.Compact>
        <Input.Password autoFocus value={value} maxLength={6} inputMode="numeric" aria-label={t('offline.pin')} onChange={(e) => setValue(e.target.value)} onPressEnter={() => void submit()} />
        <Button type="primary" onClick={() => void submit()}>{t('offline.unlock')}</Button>
      </Space.Compact>
      {wrong && <Typography.Text type="danger" style={{ display: 'block' }}>{t('offline.pinWrong')}</Typography.Text>}
    </Card>
  )
}
