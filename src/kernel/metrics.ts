// The process's Prometheus registry (prom-client): requests by route and status with latency histograms, the database
// pool, the outbox (depth, age of the oldest unsent message), open phone tasks and the event loop's delay; features add
// their gauges (ctx.metrics.gauge). Served by src/server/metrics.ts.
import type pg from 'pg'
import { sql } from 'kysely'
import client from 'prom-client'
import type { Db } from '../db/database.js'
import type { App } from './app.js'

export class Metrics {
  readonly registry = new client.Registry()
  private readonly duration = new client.Histogram({
    name: 'yizhan_http_request_duration_seconds', help: 'HTTP requests by route and status, with their latency',
    labelNames: ['method', 'route', 'status'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [this.registry],
  })

  constructor() {
    client.collectDefaultMetrics({ register: this.registry, prefix: 'yizhan_', eventLoopMonitoringPrecision: 10 })
  }

  /** A gauge read when scraped. */
  gauge(name: string, help: string, read: () => number | Promise<number>): void {
    new client.Gauge({ name, help, registers: [this.registry], async collect() { this.set(await read()) } })
  }

  /** The request metrics (every answer, by its route pattern) and the gauges that read the database. */
  install(app: App, db: Db, pool?: pg.Pool): void {
    app.addHook('onResponse', async (req, reply) => {
      this.duration.observe({ method: req.method, route: req.routeOptions.url ?? '(unmatched)', status: String(reply.statusCode) }, reply.elapsedTime / 1000)
    })
    if (pool) {
      new client.Gauge({
        name: 'yizhan_db_pool_connections', help: 'database pool connections by state (total, idle, waiting requests; max)', labelNames: ['state'] as const, registers: [this.registry],
        collect() {
          this.set({ state: 'total' }, pool.totalCount)
          this.set({ state: 'idle' }, pool.idleCount)
          this.set({ state: 'waiting' }, pool.waitingCount)
          this.set({ state: 'max' }, pool.options.max ?? 10)
        },
      })
    }
    // One query per scrape for the outbox and the phone tasks (both read partial indexes).
    let last: Promise<{ pending: number; oldest: number; tasks: number }> | undefined
    const outbox = () => (last ??= sql<{ pending: number; oldest: number | null; tasks: number }>`
      select (select count(*)::int from messages where status = 'pending') as pending,
             (select extract(epoch from now() - min(created_at))::float8 from messages where status = 'pending') as oldest,
             (select count(*)::int from phone_tasks where status = 'open') as tasks`.execute(db)
      .then((r) => ({ pending: r.rows[0].pending, oldest: Math.max(0, r.rows[0].oldest ?? 0), tasks: r.rows[0].tasks }),
        () => ({ pending: NaN, oldest: NaN, tasks: NaN })) // the database down: the rest of the page still answers
      .finally(() => { setTimeout(() => { last = undefined }, 1000).unref() }))
    this.gauge('yizhan_outbox_pending_messages', 'messages waiting to be sent', async () => (await outbox()).pending)
    this.gauge('yizhan_outbox_oldest_pending_age_seconds', 'age of the oldest message not yet sent (0: none)', async () => (await outbox()).oldest)
    this.gauge('yizhan_phone_tasks_open', 'messages that finally failed, waiting for a phone call', async () => (await outbox()).tasks)
  }

  async text(): Promise<string> { return this.registry.metrics() }
  get contentType(): string { return this.registry.contentType }
}
