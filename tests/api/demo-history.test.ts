// The demo history is made through the services (cases with their events, ratings, follow-ups), day by day,
// resumable, and its volume follows the plan: here over one month to stay quick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateHistory, historyStatus } from '../../src/demo/history/generate.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp
const log = { info: () => {}, warn: () => {} }

beforeAll(async () => { t = await createTestApp({ demo: true }) })
afterAll(() => t.close())

const count = async (table: 'cases' | 'case_events' | 'ratings') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

describe('demo history', () => {
  it('generates days of cases through the services, then resumes without doubling anything', { timeout: 300_000 }, async () => {
    await t.db.insertInto('demo_history').values({ id: 1, from_date: '2026-05-01', to_date: '2026-05-08', through: '1900-01-01', status: 'running', updated_at: new Date() }).execute()
    const started = Date.now()
    await generateHistory({ db: t.db, config: t.config, bus: undefined }, log)
    const ms = Date.now() - started
    const cases = await count('cases')
    expect(cases).toBeGreaterThan(30)
    expect(await count('case_events')).toBeGreaterThan(cases)
    expect(await count('ratings')).toBeGreaterThan(0)
    const lz = await t.db.selectFrom('cases as k').innerJoin('centers as c', 'c.id', 'k.accepting_center_id').select((eb) => eb.fn.countAll().as('n')).where('c.code', '=', 'T02').executeTakeFirstOrThrow()
    const t5 = await t.db.selectFrom('cases as k').innerJoin('centers as c', 'c.id', 'k.accepting_center_id').select((eb) => eb.fn.countAll().as('n')).where('c.code', '=', 'T05').executeTakeFirstOrThrow()
    expect(Number(lz.n)).toBeGreaterThan(Number(t5.n))
    expect((await historyStatus(t.db))).toMatchObject({ status: 'done', through: '2026-05-08' })
    // every case's dates come from the generator's clock, inside the range
    const range = await t.db.selectFrom('cases').select((eb) => [eb.fn.min('received_on').as('lo'), eb.fn.max('received_on').as('hi')]).executeTakeFirstOrThrow()
    expect(range.hi).toBe('2026-05-08')
    expect(String(range.lo) >= '2026-05-01').toBe(true)
    // a second run after "restart" from the middle changes nothing
    await t.db.updateTable('demo_history').set({ status: 'running', through: '2026-05-06' }).execute()
    await generateHistory({ db: t.db, config: t.config, bus: undefined }, log)
    expect(await count('cases')).toBe(cases)
    console.log(`history: ${cases} cases in ${ms} ms`)
  })
})
