// The worker that sends what the outbox holds. Each message is claimed, sent and marked in one transaction with
// FOR UPDATE SKIP LOCKED, so several processes share the queue and a message is marked sent exactly once; a process
// killed before its commit leaves the message pending for the next worker. A gateway adapter receives the message
// id as its idempotency key (the client serial SMS gateways accept), so a send repeated after such a crash is one SMS.
import os from 'node:os'
import type { Clock } from '../../domain/clock.js'
import type { Db } from '../../db/database.js'
import type { Bus } from '../../server/bus.js'
import { startPoller } from '../../server/poller.js'
import { maskPhone } from '../cases/cases.view.js'
import * as repo from './messages.repository.js'

/** `caseId` null: a message to a staff member (the manager's digest). */
export interface OutgoingMessage { id: number; caseId: number | null; phone: string; body: string; templateKey: string }

/** Where messages go: the log by default; an SMS gateway is one more implementation. */
export interface Sender {
  name: string
  /** Throws when the message was not accepted; `id` is the idempotency key. */
  send(m: OutgoingMessage): Promise<void>
}

/** The default: one log line per message, the phone masked. The staff's message page lists the same messages. */
export function logSender(log: { info(o: object, m: string): void }): Sender {
  return {
    name: 'log',
    async send(m) { log.info({ messageId: m.id, caseId: m.caseId, phone: maskPhone(m.phone), template: m.templateKey, body: m.body }, '短信 sms') },
  }
}

export const MAX_ATTEMPTS = 5
/** Waits before attempt n+1: 10 s, 40 s, 160 s, 640 s. */
export const backoffMs = (attempts: number) => 10_000 * 4 ** (attempts - 1)

export interface WorkerOptions { worker?: string; maxAttempts?: number; limit?: number }

/** Sends every due message (up to `limit`); how many were attempted. */
export async function sendDue(db: Db, sender: Sender, clock: Clock, o: WorkerOptions = {}): Promise<number> {
  const worker = o.worker ?? `${os.hostname()}:${process.pid}`
  const max = o.maxAttempts ?? MAX_ATTEMPTS
  let n = 0
  for (; n < (o.limit ?? 1000); n++) {
    const claimed = await db.transaction().execute(async (trx) => {
      const m = await repo.claimDue(trx, clock.now())
      if (!m) return false
      const attempts = m.attempts + 1
      try {
        await sender.send(m)
        const at = clock.now()
        await repo.recordAttempt(trx, { messageId: m.id, at, ok: true, sender: sender.name, worker })
        await repo.markSent(trx, m.id, attempts, at)
      } catch (e) {
        const at = clock.now()
        const error = String((e as Error)?.message ?? e).slice(0, 500)
        await repo.recordAttempt(trx, { messageId: m.id, at, ok: false, sender: sender.name, worker, error })
        await repo.markRetry(trx, m.id, attempts, attempts >= max ? null : new Date(at.getTime() + backoffMs(attempts)), error)
      }
      return true
    })
    if (!claimed) break
  }
  return n
}

/** Runs sendDue on every outbox notification and at least every `pollMs`; stop() waits for the round in progress. */
export function startOutboxWorker(db: Db, sender: Sender, clock: Clock, opts: { bus?: Bus; pollMs?: number; log?: { warn(o: object, m: string): void } } = {}) {
  const poller = startPoller(async () => { await sendDue(db, sender, clock) }, {
    pollMs: opts.pollMs ?? 1000, onError: (e) => opts.log?.warn({ err: (e as Error).message }, 'outbox round failed'),
  })
  opts.bus?.subscribe('yizhan_outbox', poller.wake)
  return { stop: poller.stop }
}
