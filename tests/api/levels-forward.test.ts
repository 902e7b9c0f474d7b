// 上报 across the levels: a town accepts, gives its preliminary opinion and forwards; the district department
// receives (no second preliminary review), decides, and the result comes back down to the town for pick-up.
// Late forwards are red steps; the 403/409 answers; messages written with each event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { act, detail, intakeBody } from '../helpers/cases.js'
import { makeLevelsWorld, type LevelsWorld } from '../helpers/levels.js'

let t: TestApp
let w: LevelsWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeLevelsWorld(t)
})
afterAll(() => t.close())

const messages = async (id: number) => (await t.db.selectFrom('messages').select(['template_key', 'body', 'phone']).where('case_id', '=', id).orderBy('id').execute())

async function atTown(item = w.forwardItem) {
  const res = await w.townAClerk.client.post('/api/cases', intakeBody(w, item, { centerId: w.tree.townA.id }))
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: number; number: string; queryCode: string; status: string }
}

describe('上报 round trip', () => {
  it('town accepts and forwards with an opinion; the district receives, decides; the result comes back to the town', async () => {
    clock.set('2026-03-06T10:00:00+08:00') // a Friday: the forward is due Monday
    const c = await atTown()
    expect(c.status).toBe('accepted')
    const fw = await act(w.townAClerk.client, c.id, 'forward', { opinion: '材料齐全，初审同意，报区审批' })
    expect(fw.statusCode, fw.body).toBe(200)
    expect(fw.json()).toMatchObject({ status: 'forwarded', number: c.number, queryCode: c.queryCode, currentCenterId: w.tree.district.id })
    const step = await t.db.selectFrom('case_steps').selectAll().where('case_id', '=', c.id).where('kind', '=', 'forward').executeTakeFirstOrThrow()
    expect(step).toMatchObject({ center_id: w.tree.district.id, department_id: w.departments.lead, from_center_id: w.tree.townA.id, due_date: '2026-03-09', done_at: null })
    const handle = await t.db.selectFrom('case_steps').selectAll().where('case_id', '=', c.id).where('kind', '=', 'handle').executeTakeFirstOrThrow()
    expect(handle.opinion).toBe('材料齐全，初审同意，报区审批')

    const out = (await w.townAClerk.client.get('/api/forwards/outgoing')).json()
    expect(out.forwards.map((f: { case: { id: number } }) => f.case.id)).toContain(c.id)
    const incoming = (await w.approver.client.get('/api/forwards/incoming')).json()
    expect(incoming.forwards.find((f: { case: { id: number } }) => f.case.id === c.id).step).toMatchObject({ dueDate: '2026-03-09', fromCenterName: '甲镇中心' })
    expect((await w.co1Approver.client.get('/api/forwards/incoming')).json().forwards).toEqual([])

    clock.set('2026-03-09T09:00:00+08:00')
    const rc = await act(w.approver.client, c.id, 'receive')
    expect(rc.statusCode, rc.body).toBe(200)
    expect(rc.json().status).toBe('in_review')
    const d = await detail(w.approver.client, c.id)
    expect(d.steps.map((s: { kind: string }) => s.kind)).toEqual(['handle', 'forward', 'review'])
    expect(d.steps.find((s: { kind: string }) => s.kind === 'forward').light).toBe('green')
    expect(d.allowedActions).toContain('advance')
    expect((await act(w.reviewer.client, c.id, 'advance', { opinion: '审核通过' })).statusCode).toBe(200)
    expect((await act(w.approver.client, c.id, 'approve', { note: '准予许可' })).json().status).toBe('approved')
    const dv = await act(w.approver.client, c.id, 'deliver', { method: 'pickup', centerId: w.tree.townA.id })
    expect(dv.statusCode, dv.body).toBe(200)
    expect(dv.json().currentCenterId).toBe(w.tree.townA.id)
    const pk = await act(w.townAClerk.client, c.id, 'pickup')
    expect(pk.json()).toMatchObject({ status: 'closed', number: c.number })

    expect((await messages(c.id)).map((m) => m.template_key)).toEqual(['accepted', 'forwarded', 'decided', 'ready'])
    expect((await messages(c.id))[1].body).toContain('报送上级部门')
    const progress = await t.app.inject({ method: 'GET', url: `/api/public/progress?number=${c.number}&code=${c.queryCode}` })
    expect(progress.json().events.map((e: { centerName: string }) => e.centerName)).toEqual(['甲镇中心', '甲镇中心', '测试区中心', '测试区中心', '测试区中心', '测试区中心', '甲镇中心'])
    const custody = (await w.approver.client.get(`/api/cases/${c.id}/custody`)).json()
    expect(custody.handovers.map((h: { direction: string; toCenterName: string }) => [h.direction, h.toCenterName])).toEqual([['up', '测试区中心'], ['up', '测试区中心'], ['down', '甲镇中心']])
  })

  it('a forward not received in time is a red step while the case itself is on time; the receipt records it late', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const c = await atTown()
    await act(w.townAClerk.client, c.id, 'forward', { opinion: '初审同意' })
    clock.set('2026-03-05T09:00:00+08:00') // due 03-03
    const d = await detail(w.approver.client, c.id)
    expect(d.light).toBe('green')
    expect(d.steps.find((s: { kind: string }) => s.kind === 'forward')).toMatchObject({ dueDate: '2026-03-03', light: 'red' })
    expect((await w.approver.client.get('/api/forwards/incoming')).json().forwards.find((f: { case: { id: number } }) => f.case.id === c.id).step.light).toBe('red')
    const rc = await act(w.approver.client, c.id, 'receive')
    expect(rc.statusCode).toBe(200)
    const after = await detail(w.approver.client, c.id)
    expect(after.steps.find((s: { kind: string }) => s.kind === 'forward').light).toBe('red')
    expect(after.events.at(-1).note).toContain('逾期')
    expect((await w.approver.client.get(`/api/cases/${c.id}/custody`)).json().handovers.at(-1).late).toBe(true)
  })

  it('the forward days are configurable per center', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    expect((await w.townBManager.client.put(`/api/centers/${w.tree.townA.id}/level-rules`, { forwardDays: 2, handoverDays: 3 })).statusCode).toBe(403)
    const set = await w.manager.client.put(`/api/centers/${w.tree.townA.id}/level-rules`, { forwardDays: 2, handoverDays: 3 })
    expect(set.json()).toMatchObject({ own: true, forwardDays: 2 })
    const c = await atTown()
    await act(w.townAClerk.client, c.id, 'forward', { opinion: '初审同意' })
    const step = await t.db.selectFrom('case_steps').select('due_date').where('case_id', '=', c.id).where('kind', '=', 'forward').executeTakeFirstOrThrow()
    expect(step.due_date).toBe('2026-03-04')
    await w.manager.client.put(`/api/centers/${w.tree.townA.id}/level-rules`, { forwardDays: 1, handoverDays: 3 })
  })
})

describe('bad input', () => {
  it('forwarding an item this level decides itself → 409, nothing written', async () => {
    const c = await atTown(w.townForwardItem)
    const res = await act(w.townAClerk.client, c.id, 'forward', { opinion: '初审同意' })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('decided_here')
    expect((await detail(w.townAClerk.client, c.id)).status).toBe('accepted')
    expect(await t.db.selectFrom('case_steps').select('id').where('case_id', '=', c.id).where('kind', '=', 'forward').execute()).toEqual([])
    const promised = await atTown(w.items.promised)
    expect((await act(w.townAClerk.client, promised.id, 'forward', { opinion: 'x' })).statusCode).toBe(409)
  })

  it('forward without an opinion → 400 naming body.opinion', async () => {
    const c = await atTown()
    const res = await act(w.townAClerk.client, c.id, 'forward', {})
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details[0].field).toBe('body.opinion')
  })

  it('receiving a case not forwarded to you → 403; a second receive → 409', async () => {
    const c = await atTown()
    await act(w.townAClerk.client, c.id, 'forward', { opinion: '初审同意' })
    const other = await act(w.co1Approver.client, c.id, 'receive')
    expect(other.statusCode).toBe(403)
    expect((await act(w.townBClerk.client, c.id, 'receive')).statusCode).toBe(403)
    expect((await act(w.approver.client, c.id, 'receive')).statusCode).toBe(200)
    const again = await act(w.approver.client, c.id, 'receive')
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('invalid_transition')
    expect((await t.db.selectFrom('case_events').select('action').where('case_id', '=', c.id).where('action', '=', 'receive').execute()).length).toBe(1)
  })
})
