// With a LISTEN connection (as in production) the public search trusts notifications instead of reading the
// catalog generation on every request; a write in another process must still reach it.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createDb, createPool, type Db } from '../../src/db/database.js'
import { buildApp, type App } from '../../src/server/app.js'
import { createBus, type Bus } from '../../src/kernel/bus.js'
import { createTestDb, type TestDb } from '../helpers/db.js'

let testDb: TestDb
let app: App
let bus: Bus
let other: { db: Db; close(): Promise<void> } // a second "process": its own pool on the same database

beforeAll(async () => {
  testDb = await createTestDb({ demo: true })
  bus = createBus(testDb.url, testDb.pool, { warn: () => {} })
  app = await buildApp({ db: testDb.db, bus, config: { ...loadConfig({}), webDist: '/nonexistent' }, logger: false })
  await app.ready()
  const pool = createPool(testDb.url, 2)
  const db = createDb(pool)
  other = { db, close: () => db.destroy() }
})
afterAll(async () => { await app.close(); await bus.close(); await other.close(); await testDb.close() })

const names = async (q: string) =>
  (await app.inject({ url: `/api/public/items?q=${encodeURIComponent(q)}` })).json().items.map((i: { name: string }) => i.name) as string[]

async function eventually(check: () => Promise<boolean>, ms = 3000) {
  const end = Date.now() + ms
  while (Date.now() < end) { if (await check()) return true; await new Promise((r) => setTimeout(r, 25)) }
  return false
}

it('a published rename committed by another process shows in the next searches', async () => {
  expect(await names('临时救助审批')).toContain('临时救助审批')
  await other.db.updateTable('item_versions').set({ name: '临时救助（急难型）审批' })
    .where('name', '=', '临时救助审批').where('status', '=', 'published').execute()
  expect(await eventually(async () => (await names('急难型')).includes('临时救助（急难型）审批'))).toBe(true)
  expect(await names('临时救助审批')).toEqual([])
})
