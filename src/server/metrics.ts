// /metrics in the Prometheus text format (prom-client): requests by route and status with latency histograms, the
// database pool, the outbox (depth, age of the oldest unsent message), open phone tasks, open display-board streams
// and the event loop's delay (prom-client's default metrics). Never public: a bearer token (METRICS_TOKEN) on the
// main port, or a listen address of its own (METRICS_LISTEN) that only the monitoring network reaches.
import crypto from 'node:crypto'
import http from 'node:http'
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

const digest = (s: string) => crypto.createHash('sha256').update(s).digest()

/** GET /metrics on the main port, for a bearer token only (compared in constant time). */
export function metricsRoute(app: App, metrics: Metrics, token: string): void {
  const want = digest(`Bearer ${token}`)
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!crypto.timingSafeEqual(digest(String(req.headers.authorization ?? '')), want)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ error: { code: 'unauthenticated', message: '需要监控令牌 (METRICS_TOKEN)' } })
    }
    return reply.header('cache-control', 'no-store').type(metrics.contentType).send(await metrics.text())
  })
}

/** METRICS_LISTEN: /metrics on an address of its own, without a token (keep it off the public network). */
export async function listenMetrics(metrics: Metrics, address: { host: string; port: number }): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') { res.writeHead(404).end(); return }
    metrics.text().then((body) => { res.writeHead(200, { 'content-type': metrics.contentType }).end(body) }, () => { res.writeHead(500).end() })
  })
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(address.port, address.host, resolve) })
  return server
}
