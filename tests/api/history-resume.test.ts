// The demo history after a run stopped between a visit's steps (kill -9): the tickets it left called, being served or
// waiting are closed before it goes on, so it finishes instead of stalling on "window busy"; it takes no ticket on
// the real today; and a ticket left open on an earlier day never keeps a window from calling today.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calendarCache } from '../../src/features/calendar/calendar.service.js'
import { callNext } from '../../src/features/hall/calling.service.js'
import { issueTicket } from '../../src/features/hall/tickets.service.js'
import { generateHistory, historyStatus } from '../../src/demo/history/generate.js'
import { at, hallCategories, makeLane, type Lane } from '../../src/demo/history/visits.js'
import { loadWorld, type HistoryCenter } from '../../src/demo/history/world.js'
import type { AppContext } from '../../src/server/app.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp
const warnings: string[] = []
const log = { info: () => {}, warn: (m: string) => warnings.push(m) }
beforeAll(async () => { t = await createTestApp({ demo: true }) })
afterAll(() => t.close())

const n = async (q: string) => Number((await sql.raw<{ n: number }>(q).execute(t.db)).rows[0].n)

async function hallLane(): Promise<{ lane: Lane; d01: HistoryCenter }> {
  const base = { db: t.db, bus: undefined, config: t.config }
  const world = await loadWorld(t.db)
  const cal = await calendarCache(base as AppContext).get()
  const setup = makeLane(base, cal, world, '2026-05-29', new Map(), '2099-01-01')
  const categoryOf = await hallCategories(setup, ['D01'], '2026-05-27')
  return { lane: makeLane(base, cal, world, '2026-05-29', categoryOf, '2099-01-01'), d01: world.centers.get('D01')! }
}

/** Every D01 window called a ticket on `day` and left it so; one more ticket still waits. */
async function leaveOpenTickets(lane: Lane, d01: HistoryCenter, day: string) {
  lane.clock.set(at(day, 30, d01.hours))
  for (const clerk of d01.clerks) {
    await issueTicket(lane.hall, { centerId: d01.id, categoryId: lane.categoryOf.get(d01.id)! })
    expect(await callNext(lane.hall, clerk, clerk.windowId!)).not.toBeNull()
  }
  await issueTicket(lane.hall, { centerId: d01.id, categoryId: lane.categoryOf.get(d01.id)! })
  return d01.clerks.length + 1
}

describe('demo history after a run stopped mid-visit', () => {
  it('closes what the stopped run left open, finishes, and takes no ticket on the real today', { timeout: 300_000 }, async () => {
    const { lane, d01 } = await hallLane()
    const left = await leaveOpenTickets(lane, d01, '2026-05-28')
    // The stopped run had finished May 27 and was in the middle of May 28.
    await t.db.insertInto('demo_history').values({ id: 1, from_date: '2026-05-27', to_date: '2026-05-29', through: '2026-05-27', status: 'running', updated_at: new Date() }).execute()

    await generateHistory({ db: t.db, config: t.config, bus: undefined }, log, undefined, '2026-05-29')
    expect(await historyStatus(t.db)).toMatchObject({ status: 'done', through: '2026-05-29' })
    expect(warnings.some((w) => w.includes(`${left} tickets`))).toBe(true)
    expect(await n(`select count(*)::int as n from tickets where status in ('waiting', 'called', 'serving')`)).toBe(0)
    expect(await n(`select count(*)::int as n from ticket_events where data->>'closedBy' = 'demo_history' and action = 'no_show'`)).toBe(left)
    expect(await n(`select count(*)::int as n from tickets where day = '2026-05-28' and case_ref is not null`)).toBeGreaterThan(0) // the day was redone
    // The real today has cases (recorded at the counter) but no history ticket in its queue or at its windows.
    expect(await n(`select count(*)::int as n from cases where received_on = '2026-05-29'`)).toBeGreaterThan(0)
    expect(await n(`select count(*)::int as n from tickets where day = '2026-05-29'`)).toBe(0)
  })

  it('a ticket left called at a window on an earlier day does not keep that window from calling today', async () => {
    const { lane, d01 } = await hallLane()
    const clerk = d01.clerks[0]
    lane.clock.set(at('2026-05-28', 200, d01.hours))
    await issueTicket(lane.hall, { centerId: d01.id, categoryId: lane.categoryOf.get(d01.id)! })
    const old = await callNext(lane.hall, clerk, clerk.windowId!)
    expect(old).not.toBeNull()
    lane.clock.set(at('2026-06-01', 30, d01.hours)) // the next working day
    const fresh = await issueTicket(lane.hall, { centerId: d01.id, categoryId: lane.categoryOf.get(d01.id)! })
    const called = await callNext(lane.hall, clerk, clerk.windowId!)
    expect(called).toMatchObject({ number: fresh.number, status: 'called' })
    // …while on the same day the window stays busy until its ticket is finished, as before.
    lane.clock.set(at('2026-06-01', 40, d01.hours))
    await issueTicket(lane.hall, { centerId: d01.id, categoryId: lane.categoryOf.get(d01.id)! })
    await expect(callNext(lane.hall, clerk, clerk.windowId!)).rejects.toMatchObject({ code: 'window_busy' })
  })
})
