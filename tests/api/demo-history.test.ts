// The demo history is made through the services (hall tickets, cases with their events across the levels, ratings
// of cases and tickets, follow-ups), day by day, resumable, and its volume follows the plan: here over one month.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateHistory, historyStatus } from '../../src/demo/history/generate.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp
const log = { info: () => {}, warn: () => {} }

beforeAll(async () => { t = await createTestApp({ demo: true }) })
afterAll(() => t.close())

const one = async <T>(q: string) => (await sql.raw<T>(q).execute(t.db)).rows[0]
const n = async (q: string) => Number((await one<{ n: number }>(q)).n)

describe('demo history', () => {
  it('a month of visits and cases through the hall, the case actions and the levels, then resumes without doubling anything', { timeout: 600_000 }, async () => {
    await t.db.insertInto('demo_history').values({ id: 1, from_date: '2026-05-01', to_date: '2026-05-29', through: '1900-01-01', status: 'running', updated_at: new Date() }).execute()
    const started = Date.now()
    await generateHistory({ db: t.db, config: t.config, bus: undefined }, log)
    const ms = Date.now() - started
    const cases = await n('select count(*)::int as n from cases')
    expect(cases).toBeGreaterThan(300)
    expect(await n('select count(*)::int as n from case_events')).toBeGreaterThan(cases)
    expect((await historyStatus(t.db))).toMatchObject({ status: 'done', through: '2026-05-29' })
    const range = await one<{ lo: string; hi: string }>(`select min(received_on)::text as lo, max(received_on)::text as hi from cases`)
    expect(range).toEqual({ lo: '2026-05-06', hi: '2026-05-29' }) // May 1–5 is the Labour Day holiday

    // tickets: every window case came with a served ticket linked to it, on the case's day; enquiries have no case
    expect(await n(`select count(*)::int as n from tickets where status <> 'done'`)).toBe(0)
    // (a 一件事's parts came with one visit: its ticket is linked to the first part)
    const windowCases = await n(`select count(*)::int as n from cases k join centers c on c.id = k.origin_center_id where c.level <> 'village'
      and (k.bundle_case_id is null or k.id = (select min(p.id) from cases p where p.bundle_case_id = k.bundle_case_id))`)
    expect(await n(`select count(distinct t.case_ref)::int as n from tickets t join cases k on k.number = t.case_ref and k.received_on = t.day and k.origin_center_id = t.center_id`)).toBe(windowCases)
    expect(await n('select count(*)::int as n from tickets where case_ref is null')).toBeGreaterThan(20)
    // a correction's second trip is a second ticket for the same case
    expect(await n(`select count(*)::int as n from (select case_ref from tickets where case_ref is not null group by case_ref having count(*) = 2) x`)).toBeGreaterThan(0)
    expect(await n(`select count(*)::int as n from ticket_events where action = 'called'`)).toBe(await n('select count(*)::int as n from tickets'))

    // 上报: towns forward to district departments, which receive, decide and send the result back for pick-up
    expect(await n(`select count(*)::int as n from case_events where action = 'forward'`)).toBeGreaterThan(5)
    expect(await n(`select count(*)::int as n from case_events where action = 'receive'`)).toBeGreaterThan(3)
    // agency: cases started in village rooms, hops village → town and back down, picked up at the room
    const rooms = await n(`select count(distinct k.origin_center_id)::int as n from cases k join centers c on c.id = k.origin_center_id where c.level = 'village'`)
    expect(rooms).toBeGreaterThan(3)
    expect(await n(`select count(*)::int as n from case_handovers where direction = 'up'`)).toBeGreaterThan(rooms)
    expect(await n(`select count(*)::int as n from case_handovers where direction = 'down'`)).toBeGreaterThan(0)
    expect(await n(`select count(*)::int as n from cases k join centers c on c.id = k.origin_center_id where c.level = 'village' and k.status = 'closed'`)).toBeGreaterThan(0)

    // 容缺 at the district center: accepted with the deferrable material missing under a commitment step, the material
    // handed in later through hand_in, which closes the step; 一件事: one bundle intake, a case per part
    const district = `(select id from centers where code = 'D01')`
    const committed = await n(`select count(distinct s.case_id)::int as n from case_steps s join cases k on k.id = s.case_id where s.kind = 'commitment' and k.accepting_center_id = ${district}`)
    expect(committed).toBeGreaterThan(2)
    expect(await n(`select count(*)::int as n from case_materials m join case_steps s on s.case_id = m.case_id and s.kind = 'commitment' where m.deferred`)).toBeGreaterThanOrEqual(committed)
    const handedIn = await n(`select count(*)::int as n from case_steps s where s.kind = 'commitment' and s.done_at is not null
      and exists (select 1 from case_events e where e.case_id = s.case_id and e.action = 'hand_in' and e.at = s.done_at)
      and exists (select 1 from case_materials m where m.case_id = s.case_id and m.deferred and m.received and m.handed_in_via is not null)`)
    expect(handedIn).toBeGreaterThan(1)
    const bundles = await n(`select count(*)::int as n from bundle_cases`)
    expect(bundles).toBeGreaterThan(1)
    expect(await n(`select count(*)::int as n from bundle_cases b where (select count(*) from cases k where k.bundle_case_id = b.id) < 2`)).toBe(0)
    expect(await n(`select count(distinct t.case_ref)::int as n from tickets t join cases k on k.number = t.case_ref where k.bundle_case_id is not null`)).toBe(bundles)
    expect(await n(`select count(*)::int as n from cases where bundle_case_id is not null and status = 'closed'`)).toBeGreaterThan(0)

    // ratings of cases and of served tickets, bad ones under follow-up, the oldest followed up
    expect(await n('select count(*)::int as n from ratings where case_id is not null')).toBeGreaterThan(20)
    expect(await n('select count(*)::int as n from ratings where ticket_id is not null')).toBeGreaterThan(0)
    expect(await n('select count(*)::int as n from rating_followups')).toBeGreaterThan(0)

    // 梁子镇 makes more than 长岭镇; the report's visits are the tickets
    const lz = await n(`select count(*)::int as n from cases k join centers c on c.id = k.accepting_center_id where c.code = 'T02'`)
    const cl = await n(`select count(*)::int as n from cases k join centers c on c.id = k.accepting_center_id where c.code = 'T05'`)
    expect(lz).toBeGreaterThan(5 * cl)
    const m = await t.login('district.manager1')
    const report = (await m.get('/api/reports/operations?asOf=2026-05-29')).json()
    const tj = report.towns.find((x: { name: string }) => x.name === '涂家垴镇')
    expect(tj.visits.count).toBe(await n(`select count(*)::int as n from tickets t join centers c on c.id = t.center_id where c.code = 'T04'`))
    expect(report.measures.villageRoomsUsed).toBe(rooms)

    // a district that looks real: refusals after a correction, town cases that take working days, some decided late
    expect(await n(`select count(*)::int as n from cases where status = 'refused'`)).toBeGreaterThan(0)
    const stats = (await m.get('/api/statistics?from=2026-05-01&to=2026-05-29&groupBy=center')).json()
    const towns = stats.rows.filter((x: { name: string }) => x.name.endsWith('镇便民服务中心'))
    expect(towns.some((x: { avgWorkdays: number | null }) => (x.avgWorkdays ?? 0) > 0)).toBe(true)
    expect(stats.totals.late).toBeGreaterThan(0)
    expect(stats.totals.onTimeRate).toBeLessThan(1)
    expect(stats.totals.refused).toBeGreaterThan(0)
    // trips per case with and without them, from the channels measure (the operations report reads the same)
    const ch = (await m.get('/api/statistics/channels?from=2026-05-01&to=2026-05-29')).json()
    expect(ch.withCommitment.cases).toBeGreaterThan(2)
    expect(ch.bundled.cases).toBe(await n(`select count(*)::int as n from cases where bundle_case_id is not null and status <> 'refused'`))
    expect(ch.withoutEither.tripsPerCase).toBeGreaterThan(0)
    expect(report.trips).toMatchObject({ withCommitment: ch.withCommitment, bundled: ch.bundled }) // all the history lies in May
    const md = (await m.get('/api/reports/operations?asOf=2026-05-29&format=markdown')).body
    expect(md).toContain(`同期容缺受理${ch.withCommitment.cases}件，件均跑动${ch.withCommitment.tripsPerCase}次；“一件事一次办”${ch.bundled.cases}件，件均跑动${ch.bundled.tripsPerCase}次`)
    console.log(`history fewer trips: 容缺 ${committed} (handed in ${handedIn}, lapsed ${await n(`select count(*)::int as n from case_events where action = 'lapse_suspend'`)}), bundles ${bundles}; trips per case 容缺 ${ch.withCommitment.tripsPerCase}, 一件事 ${ch.bundled.tripsPerCase}, neither ${ch.withoutEither.tripsPerCase}`)
    console.log(`history realism: refused ${stats.totals.refused}, late ${stats.totals.late}/${stats.totals.finished}, on time ${stats.totals.onTimeRate}, 好评率 ${stats.totals.satisfaction}, extensions ${await n(`select count(*)::int as n from case_events where action = 'extend'`)}, denied ${await n(`select count(*)::int as n from cases where status in ('denied') or (status = 'closed' and exists (select 1 from case_events e where e.case_id = cases.id and e.action = 'deny'))`)}`)

    // a second run after "restart" from the middle changes nothing
    const tickets = await n('select count(*)::int as n from tickets')
    await t.db.updateTable('demo_history').set({ status: 'running', through: '2026-05-26' }).execute()
    await generateHistory({ db: t.db, config: t.config, bus: undefined }, log)
    expect(await n('select count(*)::int as n from cases')).toBe(cases)
    expect(await n('select count(*)::int as n from tickets')).toBe(tickets)
    console.log(`history: ${cases} cases, ${tickets} tickets in ${ms} ms`)
  })
})
