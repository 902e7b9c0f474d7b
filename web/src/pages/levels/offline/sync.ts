// Sends the device's waiting intakes in the order they were recorded, each with its requestId (a retry is the same
// case) and the device's now, then its photos to the new case; the photos are deleted from the device once the server
// holds them. A refusal (400/403/409) becomes a task for the agent; a lost session (401) stops and asks to sign in;
// no network stops and waits for the next try.
import { ApiError, api } from '../../../api'
import { uploadCaseFile } from '../CaseFiles'
import { queue, type QueuedIntake } from './store'

export type SyncResult = { sent: number; stopped?: 'network' | 'login' }
let running: Promise<SyncResult> | undefined

async function sendOne(q: QueuedIntake): Promise<void> {
  if (!q.caseId) {
    const c = await api.post<{ id: number; number: string }>('/api/cases', { ...q.body, offline: { ...q.body.offline, deviceNow: new Date().toISOString() } })
    q.caseId = c.id; q.number = c.number
    await queue.put(q)
  }
  while (q.photos.length) {
    await uploadCaseFile(q.caseId, q.photos[0].blob, q.photos[0].name)
    q.photos = q.photos.slice(1)
    await queue.put(q) // each photo leaves the device as soon as the server holds it
  }
  q.status = 'sent'; q.error = undefined
  await queue.put(q)
}

export function syncQueue(userId: string): Promise<SyncResult> {
  running ??= (async () => {
    let sent = 0
    try {
      for (const q of await queue.all(userId)) {
        if (q.status !== 'waiting') continue
        try {
          await sendOne(q)
          sent += 1
        } catch (e) {
          if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500) return { sent, stopped: 'network' as const }
          if (e.status === 401) return { sent, stopped: 'login' as const }
          q.status = 'attention'; q.error = e.message
          await queue.put(q)
        }
      }
      return { sent }
    } finally { running = undefined }
  })()
  return running
}
