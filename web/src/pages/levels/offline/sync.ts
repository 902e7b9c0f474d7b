// Sends the device's waiting intakes in the order they were recorded, each with its requestId (a retry is the same
// case) and the device's now, then its photos to the new case; the photos are deleted from the device once the server
// holds them. A refusal (400/403/409) becomes a task for the agent; a lost session (401) stops and asks to sign in;
// no network stops and waits for the next try. A 401 does not send the page to the login screen (quiet401): the card
// asks for the password on the device and sends then.
import { ApiError, request } from '../../../api'
import { queue, type QueuedIntake } from './store'

export type SyncResult = { sent: number; stopped?: 'network' | 'login' }
let running: Promise<SyncResult> | undefined

async function sendOne(q: QueuedIntake): Promise<void> {
  if (!q.caseId) {
    const c = await request<{ id: number; number: string }>('POST', '/api/cases', { body: { ...q.body, offline: { ...q.body.offline, deviceNow: new Date().toISOString() } }, quiet401: true })
    q.caseId = c.id; q.number = c.number
    await queue.put(q)
  }
  while (q.photos.length) {
    const form = new FormData() // downscaled on the device when queued
    form.append('file', q.photos[0].blob, q.photos[0].name)
    await request('POST', `/api/cases/${q.caseId}/files`, { body: form, quiet401: true })
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
          // the server kept the intake as a task (GET /api/agency/offline-tasks); the agent sees why, in words
          const why = e.fieldProblems.map((p) => p.message)
          q.status = 'attention'; q.error = why.length ? why.join('；') : e.message; q.errorCode = e.code
          await queue.put(q)
        }
      }
      return { sent }
    } finally { running = undefined }
  })()
  return running
}
