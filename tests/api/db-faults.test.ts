// Database faults: a connection cut while checked out of the pool (pg_terminate_backend, a killed server) fails that
// request with 503 database_unavailable and never the process; a server that is away answers 503 on every route
// that needs it; nothing is half-written.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createDb, createPool } from '../../src/db/database.js'
import { buildApp } from '../../src/server/app.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { intakeBody, makeCaseWorld, type CaseWorld } from '../helpers/cases.js'

let t: TestApp
let w: CaseWorld
beforeAll(async () => { t = await createTestApp(); w = await makeCaseWorld(t) })
afterAll(() => t.close())

async function admin(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: t.testDb.url })
  c.on('error', () => undefined)
  await c.connect()
  return c
}

describe('a connection cut while it is checked out of the pool', () => {
  it('fails the query in flight, the process stays up, the pool discards it and serves the next query', async () => {
    // The reproduction: before every client had an 'error' listener for its whole life, this ended the process.
    const pool = createPool(t.testDb.url, 2)
    const client = await pool.connect()
    await client.query('begin')
    const { rows: [{ pid }] } = await client.query<{ pid: number }>('select pg_backend_pid() as pid')
    await client.query('select 1')
    const killer = await admin()
    await killer.query('select pg_terminate_backend($1)', [pid])
    await killer.end()
    await expect(client.query('select 1')).rejects.toThrow()
    client.release()
    expect(pool.totalCount).toBe(0)
    const again = await pool.query<{ pid: number }>('select pg_backend_pid() as pid')
    expect(again.rows[0].pid).not.toBe(pid)
    await pool.end()
  })

  it('a case action whose backend is terminated mid-transaction answers 503 with Retry-After and writes nothing; the retry succeeds', async () => {
    const opened = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))
    expect(opened.statusCode, opened.body).toBe(201)
    const caseId = opened.json().id as number
    const events = async () => (await t.db.selectFrom('case_events').select('action').where('case_id', '=', caseId).execute()).map((e) => e.action)

    // Hold the event table so the action's transaction stops half-way (case locked and changed, event not yet written).
    const blocker = await admin()
    await blocker.query('begin')
    await blocker.query('lock table case_events in share mode')
    const pending = w.approver.client.post(`/api/cases/${caseId}/actions/advance`, { opinion: '承办意见' })
    let victim: number | undefined
    for (let i = 0; i < 200 && victim === undefined; i++) {
      await blocker.query('select pg_stat_clear_snapshot()') // pg_stat_activity is read once per transaction otherwise
      const { rows } = await blocker.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database()
        and pid <> pg_backend_pid() and wait_event_type = 'Lock' and state = 'active'`)
      victim = rows[0]?.pid
      if (victim === undefined) await new Promise((r) => setTimeout(r, 25))
    }
    if (victim === undefined) { await blocker.query('rollback'); await blocker.end(); throw new Error(`never blocked: ${(await pending).body}`) }
    await blocker.query('select pg_terminate_backend($1)', [victim])
    const res = await pending
    await blocker.query('rollback')
    await blocker.end()

    expect(res.statusCode).toBe(503)
    expect(res.headers['retry-after']).toBe('5')
    expect(res.json().error.code).toBe('database_unavailable')
    const row = await t.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()
    expect(row.status).toBe('accepted')
    expect(await events()).toEqual(['accept'])

    const retry = await w.approver.client.post(`/api/cases/${caseId}/actions/advance`, { opinion: '承办意见' })
    expect(retry.statusCode, retry.body).toBe(200)
    expect(await events()).toEqual(['accept', 'advance'])
  })

  it('intake while every backend of the app is terminated again and again: each answer is 201 or 503, every case whole, retries land once', async () => {
    const killer = await admin()
    let killing = true
    let kills = 0
    const loop = (async () => {
      while (killing) {
        const { rows } = await killer.query<{ n: number }>(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`)
        kills += rows[0].n
        await new Promise((r) => setTimeout(r, 3))
      }
    })()
    const bodies = Array.from({ length: 40 }, () => intakeBody(w, w.items.promised))
    const first = await Promise.all(bodies.map((b) => w.clerk.client.post('/api/cases', b)))
    killing = false
    await loop
    await killer.end()
    expect(kills).toBeGreaterThan(0)
    for (const r of first) {
      expect([201, 503]).toContain(r.statusCode)
      if (r.statusCode === 503) { expect(r.json().error.code).toBe('database_unavailable'); expect(r.headers['retry-after']).toBeDefined() }
    }
    // The ones refused are sent again with the same requestId, as a client would: one case per request in the end.
    for (const [i, r] of first.entries()) {
      if (r.statusCode === 201) continue
      // a pooled connection terminated while idle may be found broken only on its next use: that request is a 503
      // too, and the client tries again after Retry-After (shortened here)
      let again = await w.clerk.client.post('/api/cases', bodies[i])
      for (let n = 0; n < 5 && again.statusCode === 503; n++) {
        await new Promise((r) => setTimeout(r, 100))
        again = await w.clerk.client.post('/api/cases', bodies[i])
      }
      expect([200, 201]).toContain(again.statusCode)
    }
    const ids = bodies.map((b) => b.requestId)
    const cases = await t.db.selectFrom('cases').select(['id', 'request_id']).where('request_id', 'in', ids).execute()
    expect(cases.length).toBe(40)
    const withEvent = await t.db.selectFrom('case_events').select('case_id').distinct().where('case_id', 'in', cases.map((c) => c.id)).where('action', '=', 'accept').execute()
    const withStep = await t.db.selectFrom('case_steps').select('case_id').distinct().where('case_id', 'in', cases.map((c) => c.id)).execute()
    expect(withEvent.length).toBe(40)
    expect(withStep.length).toBe(40)
  })
})

describe('a database that is away', () => {
  it('answers 503 database_unavailable with Retry-After on /healthz and on any route that reads, without a 500', async () => {
    const pool = createPool('postgres://nobody@127.0.0.1:1/none', 2)
    const app = await buildApp({ db: createDb(pool), config: { ...loadConfig({}), webDist: '/nonexistent' }, logger: false })
    const health = await app.inject({ method: 'GET', url: '/healthz' })
    expect(health.statusCode).toBe(503)
    expect(health.headers['retry-after']).toBe('5')
    expect(health.json().error.code).toBe('database_unavailable')
    const items = await app.inject({ method: 'GET', url: '/api/public/items' })
    expect(items.statusCode).toBe(503)
    expect(items.json().error.code).toBe('database_unavailable')
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: 'x-Pass-123' } })
    expect(login.statusCode).toBe(503)
    await app.close()
    await pool.end()
  })
})
