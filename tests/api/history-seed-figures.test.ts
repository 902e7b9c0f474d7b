// The district report's facts from generated data, not from the plan: the demo history made by the real generator
// (the services, day by day) from January 1 of last year to the seed's date (the last May 31), then the report as of
// that day reads them with its own measures: 梁子镇 3000+ cases accepted since January 1 of last year, 涂家垴镇 1100+
// visits (hall tickets) January–May, 长岭镇 the least used town, the district center founded in May.
// It is the slowest API test (minutes: every case goes through intake, its ticket and its steps); It runs with HISTORY_SEED_TEST=1 (CI runs it once, on the embedded database).
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateHistory, historyStatus } from '../../src/demo/history/generate.js'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp
const clock = new SettableClock('2026-06-01T09:00:00+08:00') // the morning after the seed's date
const log = { info: (m: string) => console.log(m), warn: (m: string) => console.warn(m) }

beforeAll(async () => { t = await createTestApp({ demo: true, clock }) })
afterAll(() => t?.close())

describe.skipIf(process.env.HISTORY_SEED_TEST !== '1')('the seed\'s figures from the generated history', () => {
  it('as of 2026-05-31 the report counts 3000+ cases at 梁子镇, 1100+ visits at 涂家垴镇, 长岭镇 least used, founded in May', { timeout: 1_800_000 }, async () => {
    await t.db.insertInto('demo_history').values({ id: 1, from_date: '2025-01-01', to_date: '2026-05-31', through: '1900-01-01', status: 'running', updated_at: new Date() }).execute()
    const started = Date.now()
    await generateHistory({ db: t.db, config: t.config, bus: undefined }, log, undefined, '2026-06-01')
    const seconds = Math.round((Date.now() - started) / 1000)
    expect(await historyStatus(t.db)).toMatchObject({ status: 'done', through: '2026-05-29' }) // May 31 is a Sunday
    const count = async (q: string) => Number((await sql<{ n: number }>`${sql.raw(q)}`.execute(t.db)).rows[0].n)
    console.log(`seed history: ${await count('select count(*)::int as n from cases')} cases, ${await count('select count(*)::int as n from tickets')} tickets in ${seconds} s`)

    const m = await t.login('district.manager1')
    const r = (await m.get('/api/reports/operations?asOf=2026-05-31')).json()
    expect(r).toMatchObject({ asOf: '2026-05-31', casesFrom: '2025-01-01', visitsFrom: '2026-01-01' })
    const town = (name: string) => r.towns.find((x: { name: string }) => x.name === name)
    expect(town('梁子镇').casesSince.count).toBeGreaterThan(3000)
    expect(town('涂家垴镇').visits.count).toBeGreaterThan(1100)
    expect(r.problems.leastUsedTown.name).toBe('长岭镇')
    expect(r.district.foundedOn).toMatch(/^2025-05-/)
    // the same counts straight from the rows: accepted cases of the town and its rooms, tickets taken at the town
    expect(town('梁子镇').casesSince.count).toBe(await count(`select count(*)::int as n from cases k join centers c on c.id = k.accepting_center_id
      join centers t on c.path like t.path || '%' where t.code = 'T02' and k.accepted_on between '2025-01-01' and '2026-05-31'`))
    expect(town('涂家垴镇').visits.count).toBe(await count(`select count(*)::int as n from tickets t join centers c on c.id = t.center_id where c.code = 'T04' and t.day between '2026-01-01' and '2026-05-31'`))
    const md = (await m.get('/api/reports/operations?asOf=2026-05-31&format=markdown')).body
    expect(md).toContain('我区于2025年5月成立了区级行政服务中心')
    expect(md).toContain(`共受理行政审批和服务事项${town('梁子镇').casesSince.count}件`)
  })
})
