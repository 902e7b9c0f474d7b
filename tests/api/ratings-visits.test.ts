// 好差评 of a hall ticket and a consultation beyond the first rating: the ticket's one 追评 by its rating number
// (DT-<id>) and the slip's token, as the follow page and the rating page send it; and the invitation to rate, sent
// once 3 days after to a served ticket's appointment phone and to a consultation's phone, never to a linked ticket,
// a rated service or twice.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as m0141 from '../../src/db/migrations/0141_visit_rating_invites.js'
import { queueRatingInvites } from '../../src/features/ratings/invitations.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { demoDistrict, TestClock, TUESDAY_10 } from '../helpers/hall.js'

let t: TestApp
let clerk: Client
let d: Awaited<ReturnType<typeof demoDistrict>>
let cat: number
let windowId: number
const clock = new TestClock(new Date(TUESDAY_10)) // 2026-03-10
let applicants = 0

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock })
  d = await demoDistrict(t.db)
  const manager = await t.login('district.manager1')
  clerk = await t.login('district.clerk1')
  cat = (await manager.post('/api/hall/categories', { centerId: d.center.id, prefix: 'V', name: '综合受理' })).json().id
  windowId = (await t.db.selectFrom('users').select('window_id').where('username', '=', 'district.clerk1').executeTakeFirstOrThrow()).window_id!
})
afterAll(() => t.close())

const post = (url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, payload, remoteAddress: `10.77.0.${++applicants % 250}` })

/** A ticket taken (walk-in, or an appointment's check-in), called at the clerk's window, served and finished. */
async function served(payload: Record<string, unknown> = { centerId: d.center.id, categoryId: cat }) {
  const res = await post('/api/tickets', payload)
  expect(res.statusCode, res.body).toBe(201)
  const ticket = res.json() as { id: number; token: string; number: string }
  for (let id = 0; id !== ticket.id;) {
    id = (await clerk.post(`/api/windows/${windowId}/call-next`)).json().ticket.id
    expect((await clerk.post(`/api/tickets/${id}/actions/start`)).statusCode).toBe(200)
    expect((await clerk.post(`/api/tickets/${id}/actions/finish`)).statusCode).toBe(200)
  }
  return ticket
}

/** An appointment booked for now (its booking is tested in hall-appointments), checked in, served. */
async function servedAppointment(phone: string) {
  const code = String(100000 + ++applicants).slice(-6)
  await t.db.insertInto('hall_appointments').values({
    center_id: d.center.id, category_id: cat, day: '2026-03-10', slot_start: '10:00', slot_end: '10:30', phone, name: '李四', booking_code: code, created_at: clock.now(),
  }).execute()
  return served({ centerId: d.center.id, bookingCode: code })
}

const follow = async (x: { id: number; token: string }) => (await t.app.inject({ url: `/api/public/tickets/${x.id}?token=${encodeURIComponent(x.token)}` })).json()

describe('追评 of a hall ticket by its token', () => {
  it('a bad ticket rating gets one 追评 by DT-<id> + token; a second → 409; a wrong token → 404; the follow page says so', async () => {
    const ticket = await served()
    expect(await follow(ticket)).toMatchObject({ rated: false, addendumAllowed: false, ratingNumber: `DT-${ticket.id}` })
    const bad = await post(`/api/public/tickets/${ticket.id}/rating`, { token: ticket.token, score: 1, options: ['bad_attitude'], comment: '窗口不理人' })
    expect(bad.statusCode, bad.body).toBe(201)
    expect(await follow(ticket)).toMatchObject({ rated: true, addendumAllowed: true })
    const creds = { number: `DT-${ticket.id}`, code: ticket.token }
    expect((await t.app.inject({ url: `/api/public/ratings/state?${new URLSearchParams(creds)}` })).json()).toEqual({ ratable: false, rated: true, addendumAllowed: true })
    const wrong = await post('/api/public/ratings/followup', { ...creds, code: ticket.token.toUpperCase() === ticket.token ? 'x' + ticket.token.slice(1) : ticket.token.toUpperCase(), comment: '冒名' })
    expect(wrong.statusCode).toBe(404)
    const add = await post('/api/public/ratings/followup', { ...creds, comment: '回访电话也没人接' })
    expect(add.statusCode, add.body).toBe(201)
    expect((await post('/api/public/ratings/followup', { ...creds, comment: '再补充' })).json().error.code).toBe('already_added')
    expect(await follow(ticket)).toMatchObject({ rated: true, addendumAllowed: false })
    const row = await t.db.selectFrom('ratings').select(['score', 'addendum', 'source']).where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ score: 1, addendum: '回访电话也没人接', source: 'ticket' })
    const ratingId = bad.json().id
    expect(await t.db.selectFrom('audit_events').select('action').where('entity', '=', 'rating').where('entity_id', '=', String(ratingId)).orderBy('id').execute())
      .toEqual([{ action: 'rating.create' }, { action: 'rating.addendum' }])
  })

  it('a ticket is rated by DT-<id> + token on the rating page too, once; a good one takes no 追评', async () => {
    const ticket = await served()
    const creds = { number: `DT-${ticket.id}`, code: ticket.token }
    const first = await post('/api/public/ratings', { ...creds, score: 4 })
    expect(first.statusCode, first.body).toBe(201)
    expect((await post('/api/public/ratings', { ...creds, score: 1 })).statusCode).toBe(409)
    expect((await post('/api/public/tickets/' + ticket.id + '/rating', { token: ticket.token, score: 1 })).statusCode).toBe(409)
    expect((await post('/api/public/ratings/followup', { ...creds, comment: '补充' })).json().error.code).toBe('not_bad_rating')
    expect((await t.db.selectFrom('ratings').select(['score', 'source']).where('ticket_id', '=', ticket.id).execute())).toEqual([{ score: 4, source: 'ticket' }])
  })
})

describe('the invitation to rate a ticket or a consultation (rating_invite_visit)', () => {
  it('once, 3 days after, to the appointment\'s or the consultation\'s phone; none for a walk-in, a linked ticket, a rated one', async () => {
    clock.set('2026-03-10T10:05:00+08:00')
    const booked = await servedAppointment('13900000001')
    const rated = await servedAppointment('13900000002')
    expect((await post(`/api/public/tickets/${rated.id}/rating`, { token: rated.token, score: 5 })).statusCode).toBe(201)
    const linked = await servedAppointment('13900000003')
    await t.db.updateTable('tickets').set({ case_ref: 'D01-2026-000001' }).where('id', '=', linked.id).execute()
    const walkIn = await served()
    const noPhone = (await clerk.post('/api/consultations', { topic: '问路' })).json()
    const withPhone = await clerk.post('/api/consultations', { topic: '社保转移', phone: '139 0000 0004' })
    expect(withPhone.statusCode, withPhone.body).toBe(201)
    const q = withPhone.json()
    const badPhone = await clerk.post('/api/consultations', { topic: 'x', phone: '12345' })
    expect(badPhone.statusCode).toBe(400)
    expect(badPhone.json().error.details[0].field).toBe('body.phone')

    const visitInvites = () => t.db.selectFrom('messages').select(['ticket_id', 'consultation_id', 'phone', 'body', 'params'])
      .where('template_key', '=', 'rating_invite_visit').orderBy('id').execute()
    clock.set('2026-03-12T11:00:00+08:00') // 2 days on: not yet
    await queueRatingInvites({ db: t.db, clock })
    expect(await visitInvites()).toEqual([])
    clock.set('2026-03-13T11:00:00+08:00') // 3 days on
    await queueRatingInvites({ db: t.db, clock })
    const sent = await visitInvites()
    expect(sent).toEqual([
      expect.objectContaining({ ticket_id: booked.id, consultation_id: null, phone: '13900000001', params: { number: `DT-${booked.id}`, code: booked.token, center: d.center.name } }),
      expect.objectContaining({ ticket_id: null, consultation_id: q.id, phone: '13900000004', params: { number: q.number, code: q.queryCode, center: d.center.name } }),
    ])
    expect(sent[0].body).toContain(booked.token)
    expect(sent.some((m) => m.ticket_id === walkIn.id || m.ticket_id === linked.id || m.ticket_id === rated.id || m.consultation_id === noPhone.id)).toBe(false)
    clock.set('2026-03-16T11:00:00+08:00')
    await queueRatingInvites({ db: t.db, clock })
    expect(await visitInvites()).toHaveLength(2) // once
    // the invitation's number and code rate the service
    expect((await post('/api/public/ratings', { number: `DT-${booked.id}`, code: booked.token, score: 3 })).statusCode).toBe(201)
    expect((await post('/api/public/ratings', { number: q.number, code: q.queryCode.toLowerCase(), score: 4 })).statusCode).toBe(201)
  })
})

describe('migration 0141', () => {
  it('down takes the visit invitations, their messages and the consultations\' phones away, keeping the cases\'; up restores the template', async () => {
    const count = async (q: string) => Number((await sql<{ n: number }>`${sql.raw(q)}`.execute(t.db)).rows[0].n)
    expect(await count(`select count(*)::int as n from rating_invitations where case_id is null`)).toBeGreaterThan(0)
    await m0141.down(t.db)
    expect(await count(`select count(*)::int as n from messages where template_key = 'rating_invite_visit'`)).toBe(0)
    expect(await count(`select count(*)::int as n from information_schema.columns where table_name = 'consultations' and column_name = 'phone'`)).toBe(0)
    await m0141.up(t.db)
    expect(await count(`select count(*)::int as n from message_templates where key = 'rating_invite_visit' and enabled`)).toBe(1)
    expect(await queueRatingInvites({ db: t.db, clock })).toBe(0)
  })
})
