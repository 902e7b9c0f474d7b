// Messages to the applicant: written to the outbox in the event's own transaction (a rolled-back action writes
// none), sent by the worker once each even with two workers on one database, retried with every attempt recorded,
// listed for staff with phones masked; templates an administrator edits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { sendDue, type OutgoingMessage, type Sender } from '../../src/features/messages/outbox.js'
import { createTestApp, makeUser, type TestApp } from '../helpers/app.js'
import { intakeBody } from '../helpers/cases.js'
import { makeLevelsWorld, type LevelsWorld } from '../helpers/levels.js'

let t: TestApp
let w: LevelsWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00')

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeLevelsWorld(t)
})
afterAll(() => t.close())

function recorder(fail = 0): Sender & { sent: OutgoingMessage[] } {
  let failures = fail
  const sent: OutgoingMessage[] = []
  return {
    name: 'test', sent,
    async send(m) {
      if (failures > 0) { failures -= 1; throw new Error('gateway unavailable') }
      await new Promise((r) => setTimeout(r, 2))
      sent.push(m)
    },
  }
}

const pending = () => t.db.selectFrom('messages').select('id').where('status', '=', 'pending').execute()

describe('outbox', () => {
  it('an intake writes its message with the event; an event rolled back takes its message with it', async () => {
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))
    const c = res.json()
    const rows = await t.db.selectFrom('messages').selectAll().where('case_id', '=', c.id).execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ template_key: 'accepted', status: 'pending', phone: '13800138000' })
    expect(rows[0].body).toContain(c.number)
    expect(rows[0].body).toContain(c.queryCode)
    const boom = new Error('rolled back')
    await expect(t.db.transaction().execute(async (trx) => {
      await trx.insertInto('case_events').values({ case_id: c.id, at: clock.now(), actor_id: null, center_id: w.tree.district.id, window_id: null, action: 'approve', from_status: 'in_review', to_status: 'approved', note: '', data: '{}' }).execute()
      expect(await trx.selectFrom('messages').select('id').where('case_id', '=', c.id).execute()).toHaveLength(2)
      throw boom
    })).rejects.toBe(boom)
    expect(await t.db.selectFrom('messages').select('id').where('case_id', '=', c.id).execute()).toHaveLength(1)
  })

  it('two workers on one database send every message exactly once', async () => {
    for (let i = 0; i < 12; i++) await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))
    const due = (await pending()).length
    const a = recorder()
    const b = recorder()
    const [na, nb] = await Promise.all([sendDue(t.db, a, clock, { worker: 'a' }), sendDue(t.db, b, clock, { worker: 'b' })])
    expect(na + nb).toBe(due)
    const ids = [...a.sent, ...b.sent].map((m) => m.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBe(due)
    expect(await pending()).toEqual([])
    const attempts = await t.db.selectFrom('message_attempts').select(['message_id']).where('ok', '=', true).execute()
    expect(attempts.length).toBe(new Set(attempts.map((x) => x.message_id)).size)
  })

  it('a failing sender is retried later with each attempt recorded; after the last attempt the message is failed', async () => {
    const c = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
    const flaky = recorder(1)
    expect(await sendDue(t.db, flaky, clock)).toBe(1)
    const m = await t.db.selectFrom('messages').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow()
    expect(m).toMatchObject({ status: 'pending', attempts: 1, last_error: 'gateway unavailable' })
    expect(await sendDue(t.db, flaky, clock)).toBe(0) // not due yet
    clock.advance(11_000)
    expect(await sendDue(t.db, flaky, clock)).toBe(1)
    expect((await t.db.selectFrom('messages').select(['status', 'attempts']).where('id', '=', m.id).executeTakeFirstOrThrow())).toEqual({ status: 'sent', attempts: 2 })
    const log = (await w.clerk.client.get(`/api/messages?caseId=${c.id}`)).json().messages[0]
    expect(log.attemptLog.map((x: { ok: boolean }) => x.ok)).toEqual([false, true])
    expect(log.phone).toBe('138****8000')

    const d = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
    const dead = recorder(99)
    for (let i = 0; i < 5; i++) { await sendDue(t.db, dead, clock); clock.advance(3_600_000) }
    expect(await t.db.selectFrom('messages').select(['status', 'attempts']).where('case_id', '=', d.id).executeTakeFirstOrThrow()).toEqual({ status: 'failed', attempts: 5 })
  })

  it('the message list is scoped: a town clerk sees none of the district\'s', async () => {
    const res = await w.townBClerk.client.get('/api/messages')
    expect(res.statusCode).toBe(200)
    expect(res.json().messages).toEqual([])
  })
})

describe('templates', () => {
  it('an administrator edits a template; the next message uses it; unknown placeholders → 400; others → 403', async () => {
    const admin = await makeUser(t.db, { roles: ['admin'], centerId: w.tree.district.id })
    const client = await t.login(admin.username, admin.password)
    const list = (await client.get('/api/message-templates')).json()
    expect(list.templates.map((x: { key: string }) => x.key)).toEqual(['accepted', 'commitment_reminder', 'correction', 'decided', 'digest', 'extended', 'forwarded', 'rating_invite', 'rating_invite_visit', 'ready', 'recalculated', 'special'])
    const bad = await client.put('/api/message-templates/accepted', { body: '受理 {numbr}', enabled: true })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details[0].field).toBe('body.body')
    expect((await w.clerk.client.put('/api/message-templates/accepted', { body: '受理 {number}', enabled: true })).statusCode).toBe(403)
    expect((await client.put('/api/message-templates/nope', { body: '受理 {number}', enabled: true })).statusCode).toBe(404)
    expect((await client.put('/api/message-templates/accepted', { body: '【区政务】{item}已受理，编号{number}', enabled: true })).statusCode).toBe(200)
    const c = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
    const m = await t.db.selectFrom('messages').select('body').where('case_id', '=', c.id).executeTakeFirstOrThrow()
    expect(m.body).toBe(`【区政务】${c.itemName}已受理，编号${c.number}`)
    await client.put('/api/message-templates/accepted', { body: '受理 {number}', enabled: false })
    const off = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
    expect(await t.db.selectFrom('messages').select('id').where('case_id', '=', off.id).execute()).toEqual([])
  })
})
