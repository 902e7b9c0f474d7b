// What waits on the device, what was sent (with its real number) and what needs the agent's attention; send now;
// the PIN that reopens the page offline; and what the browser may lose (Safari evicts stored data after days unused).
import { Alert, Button, Card, Input, List, Space, Tag, Typography } from 'antd'
import { api, guardUnauthorized } from '../../../api'
import { useReasonConfirm } from '../../../lib/useReasonConfirm'
import { useCallback, useEffect, useRef, useState } from 'react'
import { t, type MessageKey } from '../../../i18n'
import { logIn } from '../../../session'
import { pin, queue, type QueuedIntake } from './store'
import { syncQueue } from './sync'

const COLOR = { waiting: 'orange', sent: 'green', attention: 'red' } as const
/** Safari on iOS (and every iOS browser, which is Safari underneath) may delete a site's stored data after 7 days unused. */
const IOS = /iPhone|iPad|iPod/.test(navigator.userAgent) || (navigator.userAgent.includes('Macintosh') && navigator.maxTouchPoints > 1)

/** The device's queue; `onSent` when a sync sent something (the page's lists show the new cases). */
export function useQueue(userId: string, onSent?: () => void) {
  const [items, setItems] = useState<QueuedIntake[]>([])
  const [stopped, setStopped] = useState<'network' | 'login'>()
  const reload = useCallback(() => { void queue.all(userId).then(setItems) }, [userId])
  const sync = useCallback(async () => {
    if (!navigator.onLine) { reload(); return }
    const r = await syncQueue(userId)
    setStopped(r.stopped)
    reload()
    if (r.sent) onSent?.()
  }, [userId, reload])
  // While intakes wait, a 401 anywhere on the page does not send the agent to the login page: the card asks for the password.
  const waiting = useRef(0)
  waiting.current = items.filter((i) => i.status === 'waiting').length
  useEffect(() => guardUnauthorized(() => { if (!waiting.current) return false; setStopped('login'); return true }), [])
  useEffect(() => {
    void sync()
    const on = () => void sync()
    window.addEventListener('online', on)
    const timer = window.setInterval(on, 20_000)
    return () => { window.removeEventListener('online', on); window.clearInterval(timer) }
  }, [sync])
  return { items, stopped, reload, sync }
}

/** Give up a refused intake (the villager withdrew, or it was recorded at the window): on the server's task, then off the device. */
function useDrop(reload: () => void) {
  const confirm = useReasonConfirm()
  return (i: QueuedIntake) => confirm({
    title: t('offline.dropTitle', { number: i.body.offline.offlineNumber }), okText: t('offline.drop'), label: t('offline.dropReason'), fallback: t('offline.dropDefault'),
    before: <p>{t('offline.dropWarn', { photos: i.photos.length })}</p>, success: t('offline.dropped'), then: reload,
    write: async (reason) => {
      const open = await api.get<{ tasks: { id: number; requestId: string }[] }>('/api/agency/offline-tasks', { limit: 500 })
      const task = open.tasks.find((x) => x.requestId === i.key)
      if (task) await api.post(`/api/agency/offline-tasks/${task.id}/drop`, { reason })
      await queue.remove(i.key)
    },
  })
}

export function OfflineCard({ q, userId, onRedo }: { q: ReturnType<typeof useQueue>; userId: string; onRedo(i: QueuedIntake): void }) {
  const drop = useDrop(q.reload)
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
      {q.stopped === 'login' && <PasswordPrompt userId={userId} then={() => void q.sync()} />}
      {q.items.length > 0 && (
        <List size="small" dataSource={[...q.items].reverse()} renderItem={(i) => (
          <List.Item className="offline-item" data-status={i.status} data-offline-number={i.body.offline.offlineNumber}>
            <div>
              <Tag color={COLOR[i.status]}>{t(`offline.status.${i.status}` as MessageKey)}</Tag>
              <b>{i.itemName}</b> · {i.applicantName}
              <div>{t('offline.slip', { number: i.body.offline.offlineNumber, code: i.body.offline.queryCode })}{i.number && <> → <span className="offline-real">{i.number}</span></>}</div>
              {i.photos.length > 0 && <div>{t('offline.photos', { n: i.photos.length })}</div>}
              {i.error && <Typography.Text type="danger" className="offline-why">{i.error}</Typography.Text>}
              {i.status === 'attention' && (
                <Space wrap style={{ display: 'flex', marginTop: 4 }}>
                  <Button size="small" type="primary" onClick={() => onRedo(i)}>{t('offline.redo')}</Button>
                  <Button size="small" danger disabled={!navigator.onLine} onClick={() => drop(i)}>{t('offline.drop')}</Button>
                </Space>
              )}
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
      {IOS && count('waiting') + count('attention') > 0 && (
        <Alert type="warning" showIcon className="offline-ios" style={{ marginTop: 8 }}
          title={t('offline.iosRisk', { n: count('waiting') + count('attention'), photos: q.items.reduce((n, i) => n + i.photos.length, 0) })} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 13 }}>{t('offline.browsers')}</Typography.Paragraph>
    </Card>
  )
}

/** The session ended while the intakes waited (expired offline): the password on the device, then they are sent. */
function PasswordPrompt({ userId, then }: { userId: string; then(): void }) {
  const [value, setValue] = useState('')
  const [wrong, setWrong] = useState(false)
  const submit = async () => {
    try { await logIn(userId, value); setValue(''); setWrong(false); then() } catch { setWrong(true) }
  }
  return (
    <Alert type="warning" showIcon className="offline-login" style={{ marginBottom: 8 }} title={t('offline.loginAgain')} description={<>
      <Space.Compact style={{ marginTop: 4 }}>
        <Input.Password value={value} aria-label={t('offline.password')} placeholder={t('offline.password')} onChange={(e) => setValue(e.target.value)} onPressEnter={() => void submit()} />
        <Button type="primary" disabled={!value} onClick={() => void submit()}>{t('offline.passwordSend')}</Button>
      </Space.Compact>
      {wrong && <Typography.Text type="danger" style={{ display: 'block' }}>{t('offline.passwordWrong')}</Typography.Text>}
    </>} />
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
