// /metrics in the Prometheus text format (prom-client): requests by route and status with latency histograms, the
// database pool, the outbox (depth, age of the oldest unsent message), open phone tasks, open display-board streams
// and the event loop's delay (prom-client's default metrics). Never public: a bearer token (METRICS_TOKEN) on the
// main port, or a listen address of its own (METRICS_LISTEN) that only the monitoring network reaches.
import crypto from 'node:crypto'
import http from 'node:http'
import type { App } from '../kernel/context.js'
import type { Metrics } from '../kernel/metrics.js'

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
