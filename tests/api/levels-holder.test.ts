// Who may act on a case across the levels: the center that holds it now (403 not_holder naming it, for everyone
// else), the department whose step it is (403 not_your_step), never where it started; allowedActions lists exactly
// that. The way back down refuses hops and pick-up points off the case's own chain. A refusal writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, makeUser, type Client, type TestApp } from '../helpers/app.js'
import { act, chainCase } from '../helpers/chain.js'
import { detail, intakeBody, makeItem } from '../helpers/cases.js'
import { makeLevelsWorld, type LevelsWorld } from '../helpers/levels.js'

let t: TestApp
let w: LevelsWorld
let townManager: Client
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeLevelsWorld(t)
  const m = await makeUser(t.db, { roles: ['manager'], centerId: w.tree.townA.id })
  townManager = await t.login(m.username, m.password)
})
afterAll(() => t.close())

const events = async (id: number) => (await t.db.selectFrom('case_events').select('id').where('case_id', '=', id).execute()).length

describe('the holding center decides who may act (problem 2)', () => {
  it('after the town forwards, its manager cannot suspend, resume or request an extension (extend is the department head\'s, issue 18) and its approver cannot request an extension: 403 naming the district', async () => {
    const c = await chainCase(w, 'review')
    const before = await detail(w.approver.client, c.id)
    const n = await events(c.id)
    for (const [client, action, body] of [
      [townManager, 'suspend', { reason: '听证', kind: 'hearing' }], [townManager, 'request_extension', { days: 5, reason: '复杂' }],
      [w.townAApprover.client, 'request_extension', { days: 5, reason: '复杂' }],
    ] as const) {
      const res = await act(client, c.id, action, body)
      expect(res.statusCode, `${action} ${res.body}`).toBe(403)
      expect(res.json().error).toMatchObject({ code: 'not_holder', details: { holderCenterId: w.tree.district.id, holderCenterName: '测试区中心' } })
      expect(res.json().error.message).toContain('测试区中心')
    }
    expect((await act(w.manager.client, c.id, 'suspend', { reason: '听证', kind: 'hearing' })).statusCode).toBe(200)
    const resume = await act(townManager, c.id, 'resume')
    expect(resume.statusCode).toBe(403)
    expect(resume.json().error.code).toBe('not_holder')
    expect((await detail(townManager, c.id)).allowedActions).toEqual([])
    expect((await detail(w.townAApprover.client, c.id)).allowedActions).toEqual([])
    const after = await detail(w.approver.client, c.id)
    expect(after.dueDate).toBe(before.dueDate)
    expect(after.steps.map((s: { dueDate: string }) => s.dueDate)).toEqual(before.steps.map((s: { dueDate: string }) => s.dueDate))
    expect(await events(c.id)).toBe(n + 1) // the district's own suspension only
    expect(await t.db.selectFrom('case_extensions').select('id').where('case_id', '=', c.id).execute()).toEqual([])
  })
})

describe('allowedActions is what succeeds (problem 3)', () => {
  it('a case received at a village room offers accept, forward or handover to no district or town clerk; accepting it is 403 naming the room', async () => {
    const c = await chainCase(w, 'village')
    for (const u of [w.clerk, w.townAClerk, w.approver, w.manager, w.townAApprover]) {
      expect((await detail(u.client, c.id)).allowedActions, u.username).toEqual([])
    }
    expect((await detail(w.agentA.client, c.id)).allowedActions).toEqual(['handover'])
    const res = await act(w.townAClerk.client, c.id, 'accept', { materials: [] })
    expect(res.statusCode).toBe(403)
    expect(res.json().error).toMatchObject({ code: 'not_holder', details: { holderCenterName: '甲村' } })
    expect((await act(w.clerk.client, c.id, 'handover', { toCenterId: w.tree.townA.id, materials: [] })).statusCode).toBe(403)
    expect(await events(c.id)).toBe(1)
  })

  it('an approver with the role but not the step (another department, another center) gets 403, not 409', async () => {
    const c = await chainCase(w, 'approve')
    const other = await act(w.co1Approver.client, c.id, 'approve', { note: '准予' })
    expect(other.statusCode).toBe(403)
    expect(other.json().error.code).toBe('not_your_step')
    expect((await act(w.townAApprover.client, c.id, 'approve', { note: '准予' })).statusCode).toBe(403)
    expect((await detail(w.co1Approver.client, c.id)).allowedActions).not.toContain('approve')
    expect((await detail(w.approver.client, c.id)).allowedActions).toEqual(['approve', 'deny', 'suspend', 'request_extension', 'extend'])
    const again = await act(w.approver.client, c.id, 'receive')
    expect(again.statusCode).toBe(409) // no one may receive it twice
  })
})

describe('bad input on the way back down', () => {
  it('a result routed to a village room of another town → 403, nothing written', async () => {
    const c = await chainCase(w, 'approved')
    const n = await events(c.id)
    const res = await act(w.approver.client, c.id, 'deliver', { method: 'pickup', centerId: w.tree.villageB.id })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.message).toContain('乙村')
    expect(await events(c.id)).toBe(n)
    expect((await detail(w.approver.client, c.id)).delivery).toBeNull()
  })

  it('a hand-over down to someone outside the case\'s chain → 403, nothing written', async () => {
    const c = await chainCase(w, 'sentDown')
    const n = await events(c.id)
    expect((await act(w.townAClerk.client, c.id, 'handover', { toUserId: w.agentB.id })).statusCode).toBe(403)
    expect((await act(w.townAClerk.client, c.id, 'handover', { toCenterId: w.tree.villageB.id })).statusCode).toBe(403)
    expect((await act(w.townAClerk.client, c.id, 'handover', { toCenterId: w.tree.district.id })).statusCode).toBe(403)
    expect(await events(c.id)).toBe(n)
    expect((await detail(w.townAClerk.client, c.id)).currentCenterId).toBe(w.tree.townA.id)
  })

  it('a pick-up at a center the result was not sent to → 403 not_holder, nothing written', async () => {
    const c = await chainCase(w, 'approved')
    expect((await act(w.approver.client, c.id, 'deliver', { method: 'pickup', centerId: w.tree.townA.id })).statusCode).toBe(200)
    const n = await events(c.id)
    const res = await act(w.agentA.client, c.id, 'pickup')
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('not_holder')
    expect((await act(w.clerk.client, c.id, 'pickup')).statusCode).toBe(403)
    expect(await events(c.id)).toBe(n)
    expect((await act(w.townAClerk.client, c.id, 'pickup')).json().status).toBe('closed')
  })
})

describe('the way back down to the village room (problem 1)', () => {
  it('deliver offers every point of the chain; the result travels as hops with a named receiver and its own due date; picked up at the room', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const c = await chainCase(w, 'approved')
    const d = await detail(w.approver.client, c.id)
    expect(d.pickupPoints.map((p: { name: string }) => p.name)).toEqual(['测试区中心', '甲镇中心', '甲村'])
    expect((await detail(w.townAClerk.client, c.id)).pickupPoints.map((p: { name: string }) => p.name)).toEqual(['测试区中心', '甲镇中心', '甲村'])
    expect((await act(w.approver.client, c.id, 'deliver', { method: 'pickup', centerId: w.tree.villageA.id })).statusCode).toBe(200)
    const atTown = await detail(w.townAClerk.client, c.id)
    expect(atTown.allowedActions).toEqual(['handover'])
    expect(atTown.steps.at(-1)).toMatchObject({ kind: 'handover', centerId: w.tree.townA.id, dueDate: '2026-03-05' })
    expect((await detail(w.agentA.client, c.id)).allowedActions).toEqual([])
    const custody = (await w.townAClerk.client.get(`/api/cases/${c.id}/custody`)).json()
    expect(custody.receivers.filter((r: { centerId: number }) => r.centerId === w.tree.villageA.id).map((r: { id: number }) => r.id)).toContain(w.agentA.id)
    const hop = await act(w.townAClerk.client, c.id, 'handover', { toUserId: w.agentA.id })
    expect(hop.statusCode, hop.body).toBe(200)
    const there = await detail(w.agentA.client, c.id)
    expect(there.allowedActions).toEqual(['pickup'])
    expect(there.events.at(-1).note).toContain(`甲镇中心 → 用户`)
    const inbox = (await w.agentA.client.get('/api/agency/inbox')).json().cases.find((x: { id: number }) => x.id === c.id)
    expect(inbox).toMatchObject({ currentCenterName: '甲村', status: 'approved' })
    expect((await act(w.agentA.client, c.id, 'pickup')).json().status).toBe('closed')
    const keys = (await t.db.selectFrom('messages').select('template_key').where('case_id', '=', c.id).orderBy('id').execute()).map((m) => m.template_key)
    expect(keys.at(-1)).toBe('ready')
    const progress = (await t.app.inject({ method: 'GET', url: `/api/public/progress?number=${c.number}&code=${c.queryCode}` })).json()
    const notes = progress.events.map((e: { centerName: string; note: string }) => `${e.centerName}:${e.note}`)
    expect(notes).toContain('甲村:材料已交接：甲村 → 甲镇中心')
    expect(notes).toContain('测试区中心:办理结果已送出：测试区中心 → 甲镇中心，送往甲村领取')
    expect(notes).toContain('甲镇中心:办理结果已交接：甲镇中心 → 甲村，可领取')
    expect(progress.events.at(-1)).toMatchObject({ centerName: '甲村', status: 'closed' })
  })
})

describe('agency intake of an item the village room accepts itself (problem 4)', () => {
  it('is the room\'s own case: accepted there, with the authorisation, in 我的代办件, and the agent forwards it', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const item = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'forward', offeredAt: [w.tree.villageA.id, w.tree.townA.id] })
    const res = await w.agentA.client.post('/api/cases', intakeBody(w, item, { centerId: w.tree.villageA.id, agency: { authorization: true } }))
    expect(res.statusCode, res.body).toBe(201)
    const c = res.json()
    expect(c).toMatchObject({ status: 'accepted', centerId: w.tree.villageA.id, currentCenterId: w.tree.villageA.id })
    const d = await detail(w.agentA.client, c.id)
    expect(d.materials.find((m: { kind: string }) => m.kind === 'authorization')).toMatchObject({ name: '授权委托书', received: true })
    expect(d.allowedActions).toEqual(['forward'])
    expect((await w.agentA.client.get('/api/agency/inbox')).json().cases.map((x: { id: number }) => x.id)).toContain(c.id)
    const fw = await act(w.agentA.client, c.id, 'forward', { opinion: '初审同意' })
    expect(fw.statusCode, fw.body).toBe(200)
    expect(fw.json()).toMatchObject({ status: 'forwarded', currentCenterId: w.tree.district.id })
  })
})

describe('the town checks what arrived against the hand-over slip (problem 5)', () => {
  it('a material on the slip that did not arrive → the one-time notice, which the agent sees in the inbox', async () => {
    const c = await chainCase(w, 'town')
    const [, m2] = w.forwardItem.materials
    expect((await act(w.townAClerk.client, c.id, 'accept', { materials: [{ materialId: m2, received: false }] })).statusCode).toBe(400)
    const notice = await act(w.townAClerk.client, c.id, 'correct', { materials: [{ materialId: m2, received: false }] })
    expect(notice.statusCode, notice.body).toBe(200)
    expect(notice.json()).toMatchObject({ status: 'correction', missing: [{ materialId: m2, name: '身份证复印件' }] })
    expect((await w.agentA.client.get('/api/agency/inbox')).json().cases.find((x: { id: number }) => x.id === c.id).status).toBe('correction')
  })
})
