// The exchange sender: claims due records of the log (SKIP LOCKED, so several processes share it; a process killed
// before its commit leaves them pending), hands them to the adapter and records every request and reply in the same
// transaction. Nothing is ever dropped: outages and throttling are retried with backoff (failed records before new
// ones), a refusal stays visible with the province's reason until someone sends it again.
import os from 'node:os'
import type { Clock } from '../../domain/clock.js'
import type { Db } from '../../db/database.js'
import type { Bus } from '../../kernel/bus.js'
import { startPoller } from '../../kernel/poller.js'
import * as repo from './exchange.repository.js'

export interface Delivery {
  outcome: repo.Outcome
  /** ok/exists from a push: the province has it. Staging rows are acknowledged later by the province's job. */
  acked: boolean
  request: string
  reply: string
  reason?: string
  provinceNo?: string
}

export interface Adapter {
  name: string
  /** One delivery per record (by position); undefined or missing ones are left untouched (sent in a later round). */
  deliver(records: repo.Claimed[], trx: Db, now: Date): Promise<(Delivery | undefined)[]>
  pollAcks?(db: Db): Promise<number>
  close(): Promise<void>
}

/** Waits before attempt n+1: 5 s, 20 s, 80 s, … at most an hour; a record is never given up. */
export const exchangeBackoffMs = (attempts: number) => Math.min(3600_000, 5000 * 4 ** (attempts - 1))

/** Sends due records in batches until none is due (or `maxBatches`); how many records were attempted. */
export async function sendDue(db: Db, adapter: Adapter, clock: Clock, o: { batch?: number; maxBatches?: number; worker?: string } = {}): Promise<number> {
  const worker = o.worker ?? `${os.hostname()}:${process.pid}`
  let total = 0
  for (let b = 0; b < (o.maxBatches ?? 1000); b++) {
    const n = await db.transaction().execute(async (trx) => {
      const now = clock.now()
      const claimed = await repo.claimDue(trx, now, o.batch ?? 50)
      if (!claimed.length) return 0
      const out = await adapter.deliver(claimed, trx, now)
      const at = clock.now()
      const delivered: number[] = []
      const acked: number[] = []
      await repo.insertAttempts(trx, out.flatMap((d, i) => (d ? [{ recordId: claimed[i].id, at, adapter: adapter.name, worker, outcome: d.outcome, request: d.request, reply: d.reply }] : [])))
      for (let i = 0; i < out.length; i++) {
        const r = claimed[i]; const d = out[i]
        if (!d) continue
        if (d.outcome === 'ok' || d.outcome === 'exists') (d.acked ? acked : delivered).push(r.id)
        else if (d.outcome === 'refused') await repo.markRefused(trx, r.id, at, d.reason ?? d.reply)
        else await repo.markRetry(trx, r.id, new Date(at.getTime() + exchangeBackoffMs(r.attempts + 1)), `${d.outcome}: ${d.reply}`)
        if (d.provinceNo && r.caseId !== null) await repo.setProvinceNumber(trx, r.caseId, d.provinceNo)
      }
      await repo.markDelivered(trx, delivered, at, false)
      await repo.markDelivered(trx, acked, at, true)
      // Throttled or down: the round ends and the rest waits for the backoff; otherwise the next batch (an update
      // waited for its insert, a case's records for its 受理).
      const stop = claimed.some((_, i) => !out[i] || out[i]!.outcome === 'throttled' || out[i]!.outcome === 'failed')
      return stop ? claimed.length : -claimed.length
    })
    total += Math.abs(n)
    if (n >= 0) break
  }
  if (adapter.pollAcks) await adapter.pollAcks(db)
  return total
}

/** Runs sendDue on every new record (NOTIFY yizhan_exchange) and at least every `pollMs`. */
export function startExchangeSender(db: Db, adapter: Adapter, clock: Clock, opts: { bus?: Bus; pollMs?: number; batch?: number; log?: { warn(o: object, m: string): void } } = {}) {
  const poller = startPoller(async () => { await sendDue(db, adapter, clock, { batch: opts.batch }) }, {
    pollMs: opts.pollMs ?? 1000, onError: (e) => opts.log?.warn({ err: (e as Error).message }, 'exchange round failed'),
  })
  opts.bus?.subscribe('yizhan_exchange', poller.wake)
  return { async stop() { await poller.stop(); await adapter.close() } }
}
