// The priority lane (老年人/残疾人/孕妇 优先): chosen at the kiosk or marked by staff; called after checked-in
// appointments and before earlier ordinary walk-ins of the same category; on the board; counted apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { demoDistrict, TestClock, TUESDAY_10 } from '../helpers/hall.js'

let t: TestApp
let manager: Client
let clerk1: Client
let d: Awaited<ReturnType<typeof demoDistrict>>
let cat: number
const clock = new TestClock(new Date(TUESDAY_10))
const take = (body: object) => t.app.inject({ method: 'POST', url: '/api/tickets', payload: body })

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock })
  d = await demoDistrict(t.db)
  manager = await t.login('district.manager1')
  clerk1 = await t.login('district.clerk1')
  cat = (await manager.post('/api/hall/categories', { centerId: d.center.id, prefix: 'P', name: '优先测试', itemIds: [d.itemIds[0]] })).json().id
  expect((await manager.put(`/api/hall/windows/${d.windowIds[0]}/categories`, { categoryIds: [cat] })).statusCode).toBe(200)
})
afterAll(() => t.close())

async function callAndFinish() {
  const called = (await clerk1.post(`/api/windows/${d.windowIds[0]}/call-next`)).json().ticket
  clock.advance(60_000)
  await clerk1.post(`/api/tickets/${called.id}/actions/start`)
  await clerk1.post(`/api/tickets/${called.id}/actions/finish`)
  return called as { id: number; number: string }
}

describe('the priority lane', () => {
  it('a priority ticket taken later is called before an earlier ordinary one, and the board says so', async () => {
    const ordinary = (await take({ centerId: d.center.id, categoryId: cat })).json()
    clock.advance(60_000)
    const prio = await take({ centerId: d.center.id, categoryId: cat, priority: true })
    expect(prio.statusCode, prio.body).toBe(201)
    expect(prio.json()).toMatchObject({ number: 'P002', lane: 'priority', ahead: 0 })
    expect(ordinary.lane).toBe('ordinary')
    const first = await callAndFinish()
    expect(first.number).toBe('P002')
    const shown = await t.db.selectFrom('hall_display_events').select('data').where('center_id', '=', d.center.id).where('kind', '=', 'call').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(shown.data).toMatchObject({ number: 'P002', lane: 'priority' })
    expect((await callAndFinish()).number).toBe('P001')
  })

  it('staff mark a waiting ticket priority (a ticket event); twice or a called ticket → 409; another center → 403', async () => {
    const a = (await take({ centerId: d.center.id, categoryId: cat })).json()
    clock.advance(30_000)
    const b = (await take({ centerId: d.center.id, categoryId: cat })).json()
    const marked = await clerk1.post(`/api/tickets/${b.id}/priority`)
    expect(marked.statusCode, marked.body).toBe(200)
    expect((await clerk1.post(`/api/tickets/${b.id}/priority`)).json().error.code).toBe('already_priority')
    const ev = await t.db.selectFrom('ticket_events').select(['action', 'staff_id']).where('ticket_id', '=', b.id).orderBy('id').execute()
    expect(ev.map((e) => e.action)).toEqual(['issued', 'prioritized'])
    expect((await t.login('donggou.manager')).post(`/api/tickets/${a.id}/priority`).then((r) => r.statusCode)).resolves.toBe(403)
    expect((await callAndFinish()).id).toBe(b.id)
    const c = await callAndFinish()
    expect(c.id).toBe(a.id)
    expect((await clerk1.post(`/api/tickets/${c.id}/priority`)).statusCode).toBe(409)
  })

  it('outside hall hours a priority ticket is 409 like any other', async () => {
    clock.set('2026-03-10T18:30:00+08:00')
    const r = await take({ centerId: d.center.id, categoryId: cat, priority: true })
    expect(r.statusCode).toBe(409)
    clock.set(TUESDAY_10)
  })

  it('hall statistics count priority tickets apart', async () => {
    const s = (await manager.get(`/api/hall/stats?from=2026-03-10&to=2026-03-10&by=day&centerId=${d.center.id}`)).json()
    expect(s.rows[0]).toMatchObject({ tickets: 4, priorityTickets: 2 })
    expect(s.rows[0].avgWaitPrioritySeconds).toBeGreaterThanOrEqual(0)
  })
})
