// /metrics: the Prometheus text format, never public (a bearer token on the main port, or a listen address of its
// own), with the request histograms by route and status, the pool, the outbox and its oldest message, the open
// display streams and the event loop's delay.
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listenMetrics } from '../../src/server/metrics.js'
import { Metrics } from '../../src/kernel/metrics.js'
import { createTestApp, makeTree, makeUser, type TestApp } from '../helpers/app.js'
import { demoDistrict } from '../helpers/hall.js'

const TOKEN = 'metrics-token-0123456789abcdef'
let t: TestApp

beforeAll(async () => { t = await createTestApp({ demo: true, config: { metricsToken: TOKEN } }) })
afterAll(() => t.close())

const scrape = async (authorization?: string) => t.app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} })
/** The value of one sample line (name with its labels, as printed). */
const sample = (text: string, line: string) => {
  const found = text.split('\n').find((l) => l.startsWith(line + ' '))
  return found === undefined ? undefined : Number(found.slice(line.length + 1))
}

describe('/metrics', () => {
  it('is refused without the bearer token or with a wrong one, and not served at all without METRICS_TOKEN', async () => {
    expect((await scrape()).statusCode).toBe(401)
    expect((await scrape(`Bearer ${TOKEN}x`)).statusCode).toBe(401)
    expect((await scrape(TOKEN)).statusCode).toBe(401)
    const plain = await createTestApp()
    try { expect((await plain.app.inject({ url: '/metrics' })).statusCode).toBe(404) } finally { await plain.close() }
  })

  it('counts requests by route and status with latency buckets; shows the pool and the event loop', async () => {
    for (let i = 0; i < 3; i++) await t.app.inject({ url: '/api/public/centers' })
    await t.app.inject({ url: '/api/public/items/999999' })
    const res = await scrape(`Bearer ${TOKEN}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = res.body
    expect(sample(text, 'yizhan_http_request_duration_seconds_count{method="GET",route="/api/public/centers",status="200"}')).toBe(3)
    expect(sample(text, 'yizhan_http_request_duration_seconds_count{method="GET",route="/api/public/items/:id",status="404"}')).toBe(1)
    expect(sample(text, 'yizhan_http_request_duration_seconds_bucket{le="10",method="GET",route="/api/public/centers",status="200"}')).toBe(3)
    expect(sample(text, 'yizhan_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'yizhan_db_pool_connections{state="waiting"}')).toBe(0)
    expect(sample(text, 'yizhan_nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0)
  })

  it('shows the outbox depth, the age of its oldest unsent message and the open phone tasks', async () => {
    const tree = await makeTree(t.db)
    const u = await makeUser(t.db, { roles: ['manager'], centerId: tree.district.id })
    const before = sample((await scrape(`Bearer ${TOKEN}`)).body, 'yizhan_outbox_pending_messages')!
    const old = new Date(Date.now() - 600_000)
    await t.db.insertInto('messages').values([1, 2].map(() => ({ case_id: null, event_id: null, user_id: u.id, template_key: 'digest', phone: '13800138000', body: 'x', next_attempt_at: old, created_at: old }))).execute()
    await new Promise((r) => setTimeout(r, 1100)) // the outbox figures are read at most once a second
    const text = (await scrape(`Bearer ${TOKEN}`)).body
    expect(sample(text, 'yizhan_outbox_pending_messages')).toBe(before + 2)
    expect(sample(text, 'yizhan_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(600)
    expect(sample(text, 'yizhan_phone_tasks_open')).toBe(0)
  })

  it('counts the open display-board streams', async () => {
    const d = await demoDistrict(t.db)
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
    const ctl = new AbortController()
    const streams = await Promise.all([1, 2].map(() => fetch(`${base}/api/centers/${d.center.id}/display/events`, { signal: ctl.signal })))
    expect(streams.map((s) => s.status)).toEqual([200, 200])
    expect(sample((await scrape(`Bearer ${TOKEN}`)).body, 'yizhan_sse_connections')).toBe(2)
    ctl.abort()
    await expect.poll(async () => sample((await scrape(`Bearer ${TOKEN}`)).body, 'yizhan_sse_connections')).toBe(0)
  })

  it('METRICS_LISTEN serves the same page on an address of its own, without the token', async () => {
    const metrics = new Metrics()
    metrics.gauge('yizhan_test_gauge', 'a gauge', () => 7)
    const server = await listenMetrics(metrics, { host: '127.0.0.1', port: 0 })
    try {
      const { port } = server.address() as AddressInfo
      const res = await fetch(`http://127.0.0.1:${port}/metrics`)
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(text).toContain('yizhan_nodejs_eventloop_lag_seconds')
      expect(sample(text, 'yizhan_test_gauge')).toBe(7)
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404)
    } finally { server.close() }
  })
})
