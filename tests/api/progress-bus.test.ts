// With a LISTEN connection (as in production) a kept progress answer is served without reading the case's stamp
// while no event of the case has been announced; an action here, an event committed by another process, and a change
// that nobody announced must all still reach the page.
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createDb, createPool, type Db } from '../../src/db/database.js'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { intakeBody, makeCaseWorld, type CaseWorld } from '../helpers/cases.js'

let t: TestApp
let w: CaseWorld
let other: Db // a second "process": its own pool on the same database
const clock = new SettableClock('2026-03-02T09:00:00+08:00')

beforeAll(async () => {
  const rateLimits = { ...loadConfig({}).rateLimits, progress: { max: 10_000, windowSeconds: 60 } } // this file polls
  t = await createTestApp({ clock, bus: true, config: { rateLimits } })
  w = await makeCaseWorld(t)
  other = createDb(createPool(t.testDb.url, 2))
})
afterAll(async () => { await other.destroy(); await t.close() })

const lookup = async (c: { number: string; queryCode: string }) =>
  (await t.app.inject({ url: `/api/public/progress?number=${c.number}&code=${c.queryCode}` })).json()

async function eventually(check: () => Promise<boolean>, ms = 3000) {
  const end = Date.now() + ms
  while (Date.now() < end) { if (await check()) return true; await new Promise((r) => setTimeout(r, 25)) }
  return false
}

it('an action acknowledged by this process shows on the next lookup, with no wait for its notification', async () => {
  const c = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
  expect((await lookup(c)).status).toBe('accepted')
  expect((await lookup(c)).status).toBe('accepted') // kept and trusted now
  expect((await w.approver.client.post(`/api/cases/${c.id}/actions/advance`, { opinion: '审查通过' })).statusCode).toBe(200)
  expect((await lookup(c)).events.map((e: { action: string }) => e.action)).toEqual(['accept', 'advance'])
})

it('an event committed by another process reaches the kept answer through its notification', async () => {
  const c = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
  await lookup(c); await lookup(c)
  await other.transaction().execute(async (trx) => {
    await sql`update cases set status = 'closed', version = version + 1 where id = ${c.id}`.execute(trx)
    await sql`insert into case_events (case_id, at, actor_id, center_id, action, from_status, to_status, note)
      values (${c.id}, now(), ${w.approver.id}, ${w.tree.district.id}, 'approve', 'accepted', 'closed', '')`.execute(trx)
  })
  expect(await eventually(async () => (await lookup(c)).status === 'closed', 500)).toBe(true)
})

it('a change that no notification announced is still seen within the recheck time', async () => {
  const c = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
  await lookup(c); await lookup(c)
  await other.updateTable('cases').set({ status: 'closed', version: sql`version + 1` }).where('id', '=', c.id).execute()
  expect(await eventually(async () => (await lookup(c)).status === 'closed', 3000)).toBe(true)
})
