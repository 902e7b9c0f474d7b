// The LISTEN connection cut by the server (a restart, pg_terminate_backend): the bus says it is not listening (so the
// caches stop trusting silence), reconnects by itself, listens on every channel again and tells each subscriber
// that notifications may have been missed, so each reads again what it keeps.
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { RECONNECTED, createBus, type Bus } from '../../src/kernel/bus.js'
import { createTestDb, type TestDb } from '../helpers/db.js'

let db: TestDb
let bus: Bus
const warnings: string[] = []
beforeAll(async () => { db = await createTestDb(); bus = createBus(db.url, db.pool, { warn: (_o, m) => warnings.push(m) }) })
afterAll(async () => { await bus.close(); await db.close() })

async function eventually(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms
  while (Date.now() < end) { if (check()) return true; await new Promise((r) => setTimeout(r, 20)) }
  return false
}

it('reconnects after its backend is terminated, listens again, and tells subscribers to re-read', async () => {
  const got: unknown[] = []
  bus.subscribe('yizhan_test_a', (p) => got.push(p))
  bus.subscribe('yizhan_test_b', (p) => got.push(p))
  expect(await eventually(() => bus.listening!())).toBe(true)
  await bus.publish('yizhan_test_a', { n: 1 })
  expect(await eventually(() => got.some((p) => (p as { n?: number }).n === 1))).toBe(true)
  got.length = 0

  const admin = new pg.Client({ connectionString: db.url })
  admin.on('error', () => undefined)
  await admin.connect()
  const { rows } = await admin.query<{ n: number }>(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and query like 'listen %'`)
  expect(rows[0].n).toBe(1)
  expect(await eventually(() => !bus.listening!(), 2000)).toBe(true)
  // Sent while nobody listens: lost, which is why the subscribers are told to re-read.
  await admin.query(`select pg_notify('yizhan_test_a', '{"n":2}')`)
  expect(await eventually(() => bus.listening!())).toBe(true)
  expect(got.filter((p) => p === RECONNECTED).length).toBe(2) // one per subscriber
  expect(warnings).toContain('event listener lost its connection; reconnecting')

  await admin.query(`select pg_notify('yizhan_test_b', '{"n":3}')`)
  expect(await eventually(() => got.some((p) => (p as { n?: number }).n === 3))).toBe(true)
  await admin.end()
})
