// The worker that sends what the outbox holds. Each message is claimed, sent and marked in one transaction with
// FOR UPDATE SKIP LOCKED, so several processes share the queue and a message is marked sent exactly once; a process
// killed before its commit leaves the message pending for the next worker. A gateway adapter receives the message
// id as its idempotency key (the client serial SMS gateways accept), so a send repeated after such a crash is one SMS.
// A message that finally fails becomes a phone task (phone-tasks.ts) in the same transaction.
import os from 'node:os'
import type { Clock } from '../../domain/clock.js'
import type { Db } from '../../db/database.js'
import type { Bus } from '../../kernel/bus.js'
import { startPoller } from '../../kernel/poller.js'
import * as repo from './messages.repository.js'
import { failureOf } from './sender.js'
export type { OutgoingMessage, Sender } from './sender.js'
import type { Sender } from './sender.js'

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
        const result = await sender.send(m)
        const at = clock.now()
        await repo.recordAttempt(trx, { messageId: m.id, at, ok: true, sender: sender.name, worker, receipt: result?.receipt ?? null })
        await repo.markSent(trx, m.id, attempts, at)
      } catch (e) {
        const at = clock.now()
        const error = String((e as Error)?.message ?? e).slice(0, 500)
        const reason = failureOf(e)
        await repo.recordAttempt(trx, { messageId: m.id, at, ok: false, sender: sender.name, worker, error, throttled: reason === 'throttled' })
        // A refusal (number, template) fails at once; throttling and outages are retried until the last attempt.
        const final = reason === 'rejected' || attempts >= max
        await repo.markRetry(trx, m.id, attempts, final ? null : new Date(at.getTime() + backoffMs(attempts)), error)
        // The applicant still has to hear it: the case's village agent or intake window phones them.
        if (final && m.caseId !== null) await repo.insertPhoneTask(trx, m.id, m.caseId, at)
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
