// 好差评 of a served hall ticket from its follow page (the slip's id + token): once, confidential, the same five
// levels; a bad one opens the same follow-up as a case's rating. 409 while not served and for a second rating,
// 404 for a wrong token, 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { demoDistrict, TestClock, TUESDAY_10 } from '../helpers/hall.js'

let t: TestApp
let clerk: Client
let manager: Client
let d: Awaited<ReturnType<typeof demoDistrict>>
let cat: number
const clock = new TestClock(new Date(TUESDAY_10))
let applicants = 0

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock })
  d = await demoDistrict(t.db)
  manager = await t.login('district.manager1')
  clerk = await t.login('district.clerk1')
  cat = (await manager.post('/api/hall/categories', { centerId: d.center.id, prefix: 'R', name: '综合受理' })).json().id
})
afterAll(() => t.close())

const take = async () => (await t.app.inject({ method: 'POST', url: '/api/tickets', payload: { centerId: d.center.id, categoryId: cat } })).json() as { id: number; token: string; number: string }
const rate = (id: number, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/public/tickets/${id}/rating`, payload: body, remoteAddress: `10.78.0.${++applicants}` })

/** Called at the clerk's window, served and finished (with whoever still waited before it). */
async function served() {
  const ticket = await take()
  const windowId = (await t.db.selectFrom('users').select('window_id').where('username', '=', 'district.clerk1').executeTakeFirstOrThrow()).window_id!
  for (let id = 0; id !== ticket.id;) {
    const called = await clerk.post(`/api/windows/${windowId}/call-next`)
    expect(called.statusCode, called.body).toBe(200)
    id = called.json().ticket.id
    expect((await clerk.post(`/api/tickets/${id}/actions/start`)).statusCode).toBe(200)
    expect((await clerk.post(`/api/tickets/${id}/actions/finish`)).statusCode).toBe(200)
  }
  return ticket
}

describe('POST /api/public/tickets/:id/rating', () => {
  it('a good rating of a served ticket: 201, stored once with the window and the clerk, no follow-up', async () => {
    const tk = await served()
    const res = await rate(tk.id, { token: tk.token, score: 5, comment: '很快' })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ number: tk.number, score: 5, followupId: null })
    const row = await t.db.selectFrom('ratings').selectAll().where('ticket_id', '=', tk.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ case_id: null, source: 'ticket', score: 5, comment: '很快', center_id: d.center.id })
    expect(row.window_id).not.toBeNull()
    expect(row.staff_id).not.toBeNull()
  })

  it('a ticket not yet served → 409 ticket_not_served, nothing stored', async () => {
    const tk = await take()
    const res = await rate(tk.id, { token: tk.token, score: 4 })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('ticket_not_served')
    expect(await t.db.selectFrom('ratings').select('id').where('ticket_id', '=', tk.id).execute()).toEqual([])
  })

  it('a second rating of the same ticket → 409 already_rated', async () => {
    const tk = await served()
    expect((await rate(tk.id, { token: tk.token, score: 4 })).statusCode).toBe(201)
    const again = await rate(tk.id, { token: tk.token, score: 1 })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('already_rated')
    expect(await t.db.selectFrom('ratings').select('score').where('ticket_id', '=', tk.id).execute()).toEqual([{ score: 4 }])
  })

  it('a wrong token or an unknown ticket → 404; a bad score → 400 naming the field', async () => {
    const tk = await served()
    expect((await rate(tk.id, { token: 'wrongtoken', score: 5 })).statusCode).toBe(404)
    expect((await rate(999999, { token: tk.token, score: 5 })).statusCode).toBe(404)
    const bad = await rate(tk.id, { token: tk.token, score: 6 })
    expect(bad.statusCode).toBe(400)
    expect(JSON.stringify(bad.json().error)).toContain('score')
  })

  it('a bad rating opens the same follow-up, which the manager walks and the supervisors list', async () => {
    const tk = await served()
    const res = await rate(tk.id, { token: tk.token, score: 1, comment: '等了很久' })
    expect(res.statusCode).toBe(201)
    const followupId = res.json().followupId as number
    expect(followupId).toBeGreaterThan(0)
    const f = (await manager.get(`/api/ratings/followups/${followupId}`)).json()
    expect(f).toMatchObject({ status: 'open', ticketId: tk.id, case: { id: null, number: tk.number, itemName: '大厅服务（综合受理）' }, rating: { score: 1, comment: '等了很久', source: 'ticket' } })
    const cb = await manager.post(`/api/ratings/followups/${followupId}/actions/call_back`, { note: '已回访' })
    expect(cb.statusCode, cb.body).toBe(200)
    expect(cb.json().status).toBe('called_back')
    const list = (await manager.get('/api/ratings')).json().ratings
    expect(list.find((r: { number: string; source: string }) => r.number === tk.number && r.source === 'ticket')).toMatchObject({ score: 1 })
  })
})
