// Rate-limit counters shared by the processes of one database, cheap enough for busy public routes: fixed windows
// counted in memory and added to table rate_limit_hits (migration 0041) in one batched upsert per flush, which
// returns every process's total. The first hit of an address in a window waits for that flush (so a flood that
// moves to another process is seen there at once); later hits answer from memory and are flushed within FLUSH_MS.
// Across processes a count can lag by at most one flush interval of the other processes' hits.
import { sql } from 'kysely'
import type { Db } from '../db/database.js'

const FLUSH_MS = 100
const PRUNE_MS = 60_000

interface Counter { windowStart: number; windowMs: number; shared: number; sending: number; pending: number; synced: boolean; waiting: (() => void)[] }
type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void

export class SharedCounters {
  private counters = new Map<string, Counter>()
  private timer?: NodeJS.Timeout
  private flushing?: Promise<void>
  private again = false
  private lastPrune = Date.now()
  private closed = false

  constructor(private db: Db, private log: { warn(o: object, m: string): void }) {}

  /** @fastify/rate-limit instantiates its store with `new`: a class bound to these counters. */
  storeClass() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const counters = this
    return class {
      incr(key: string, cb: Callback, timeWindow: number) { counters.incr(key, timeWindow, cb) }
      child() { return this }
    }
  }

  incr(key: string, windowMs: number, cb: Callback): void {
    const now = Date.now()
    const windowStart = now - (now % windowMs)
    let c = this.counters.get(key)
    if (!c || c.windowStart !== windowStart) {
      c = { windowStart, windowMs, shared: 0, sending: 0, pending: 0, synced: false, waiting: [] }
      this.counters.set(key, c)
    }
    c.pending += 1
    const counter = c
    const answer = () => cb(null, { current: counter.shared + counter.sending + counter.pending, ttl: windowStart + windowMs - Date.now() })
    if (c.synced || this.closed) { answer(); this.schedule(FLUSH_MS); return }
    c.waiting.push(answer)
    this.schedule(0)
  }

  private schedule(ms: number): void {
    if (this.closed) return
    if (this.flushing) { if (ms === 0) this.again = true; return }
    if (this.timer && ms > 0) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => { this.timer = undefined; void this.flush() }, ms)
  }

  private async flush(): Promise<void> {
    const batch = [...this.counters].filter(([, c]) => c.pending > 0)
    for (const [, c] of batch) { c.sending += c.pending; c.pending = 0 }
    this.flushing = this.send(batch).finally(() => {
      this.flushing = undefined
      const soon = this.again
      this.again = false
      if (soon || [...this.counters.values()].some((c) => c.pending > 0)) this.schedule(soon ? 0 : FLUSH_MS)
    })
    await this.flushing
  }

  private async send(batch: [string, Counter][]): Promise<void> {
    try {
      if (batch.length > 0) {
        const { rows } = await sql<{ key: string; windowStart: Date; hits: number }>`
          insert into rate_limit_hits as r (key, window_start, hits)
          select * from unnest(${batch.map(([k]) => k)}::text[], ${batch.map(([, c]) => new Date(c.windowStart).toISOString())}::timestamptz[], ${batch.map(([, c]) => c.sending)}::int[])
          on conflict (key, window_start) do update set hits = r.hits + excluded.hits
          returning key, window_start as "windowStart", hits`.execute(this.db)
        const totals = new Map(rows.map((r) => [`${r.key}@${new Date(r.windowStart).getTime()}`, r.hits]))
        for (const [key, c] of batch) {
          c.shared = totals.get(`${key}@${c.windowStart}`) ?? c.shared + c.sending
          c.sending = 0
        }
      }
      await this.prune()
    } catch (err) {
      // Counting goes on in memory: this process still limits what it sees.
      this.log.warn({ err: (err as Error).message }, 'rate-limit counters could not be shared')
      for (const [, c] of batch) { c.shared += c.sending; c.sending = 0 }
    } finally {
      for (const [, c] of batch) { c.synced = true; for (const w of c.waiting.splice(0)) w() }
    }
  }

  /** Forget windows that have ended, here and (now and then) in the table. */
  private async prune(): Promise<void> {
    const now = Date.now()
    for (const [key, c] of this.counters) if (c.windowStart + c.windowMs <= now && c.pending === 0 && c.sending === 0) this.counters.delete(key)
    if (now - this.lastPrune < PRUNE_MS) return
    this.lastPrune = now
    await sql`delete from rate_limit_hits where window_start < now() - interval '1 day'`.execute(this.db)
  }

  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    await this.flushing
  }
}
