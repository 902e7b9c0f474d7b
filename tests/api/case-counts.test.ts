// The counts on /app/cases' tabs (issue 24): mine received today, 待补正, 待送达领取 and all in the jurisdiction, each
// the number of rows its list would show; a case recorded moves them, and another center's clerk does not see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { centerByName, offeredItem, recordCase } from '../helpers/supervision.js'

let t: TestApp
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday

beforeAll(async () => { t = await createTestApp({ demo: true, clock }) })
afterAll(() => t.close())

async function listed(client: Client, query: string) {
  let n = 0; let cursor: string | null = null
  do {
    const r: { cases: unknown[]; nextCursor: string | null } = (await client.get(`/api/cases?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`)).json()
    n += r.cases.length; cursor = r.nextCursor
  } while (cursor)
  return n
}

describe('GET /api/cases/counts', () => {
  it('counts what each tab lists, and moves when the clerk records a case', async () => {
    const clerk = await t.login('district.clerk1')
    const before = (await clerk.get('/api/cases/counts')).json()
    expect(before).toMatchObject({ today: expect.any(Number), correction: expect.any(Number), toDeliver: expect.any(Number), all: expect.any(Number) })
    expect(before.all).toBe(await listed(clerk, ''))
    expect(before.correction).toBe(await listed(clerk, '&status=correction'))
    const toDeliver = (await listed(clerk, '&status=approved')) + (await listed(clerk, '&status=denied')) + (await listed(clerk, '&status=answered'))
    expect(before.toDeliver).toBe(toDeliver)

    const district = await centerByName(t.db, '区行政服务中心')
    await recordCase(clerk, district.id, await offeredItem(t.db, district.id, 'promised'))
    const after = (await clerk.get('/api/cases/counts')).json()
    expect(after.today).toBe(before.today + 1)
    expect(after.all).toBe(before.all + 1)
    // another clerk of the same center did not record it today
    const other = (await (await t.login('district.clerk2')).get('/api/cases/counts')).json()
    expect(other.today).toBe(0)
    // a town clerk counts only the town's cases
    const town = (await (await t.login('liangzi.clerk1')).get('/api/cases/counts')).json()
    expect(town.all).toBeLessThan(after.all)
    expect((await t.app.inject({ url: '/api/cases/counts' })).statusCode).toBe(401)
  })
})
