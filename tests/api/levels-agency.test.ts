// 全程代理: a village agent records a case with the applicant's authorisation, hands it to the town window (with its
// own due date; late hops are red), the window accepts or notices a correction that goes back to the agent, and the
// result travels back down to the village room where the applicant picks it up. The 400/403 answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, makeUser, type TestApp } from '../helpers/app.js'
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

const all = () => w.forwardItem.materials.map((m) => ({ materialId: m, received: true }))

async function atVillage(over: Record<string, unknown> = {}) {
  const res = await w.agentA.client.post('/api/cases', intakeBody(w, w.forwardItem, { centerId: w.tree.villageA.id, agency: { authorization: true }, ...over }))
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: number; number: string; queryCode: string; status: string }
}

describe('agency from a village room', () => {
  it('records the case as received, with the authorisation as a material and the first hop due in 3 working days', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const c = await atVillage()
    expect(c).toMatchObject({ status: 'received', originCenterId: w.tree.villageA.id, currentCenterId: w.tree.villageA.id })
    const d = await detail(w.agentA.client, c.id)
    expect(d.materials.find((m: { kind: string }) => m.kind === 'authorization')).toMatchObject({ name: '授权委托书', received: true })
    expect(d.steps).toMatchObject([{ kind: 'handover', centerId: w.tree.villageA.id, dueDate: '2026-03-05', light: 'green' }])
    expect(d.allowedActions).toEqual(['handover'])
    const inbox = (await w.agentA.client.get('/api/agency/inbox')).json()
    expect(inbox.cases.find((x: { id: number }) => x.id === c.id)).toMatchObject({ currentCenterName: '甲村', next: { kind: 'handover', dueDate: '2026-03-05', atMyRoom: true } })
    const urgent = await atVillage({ agency: { authorization: true, urgent: true } })
    expect((await detail(w.agentA.client, urgent.id)).steps[0].dueDate).toBe('2026-03-02')
  })

  it('the whole chain: village → town → district and the result back to the village room, every hop in the custody chain', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const c = await atVillage()
    const ho = await act(w.agentA.client, c.id, 'handover', { toCenterId: w.tree.townA.id, materials: all() })
    expect(ho.statusCode, ho.body).toBe(200)
    expect(ho.json()).toMatchObject({ status: 'received', currentCenterId: w.tree.townA.id })
    const incoming = (await w.townAClerk.client.get('/api/agency/incoming')).json()
    expect(incoming.cases.find((x: { id: number }) => x.id === c.id)).toMatchObject({ originCenterName: '甲村' })
    expect((await act(w.townAClerk.client, c.id, 'accept', { materials: [] })).json()).toMatchObject({ status: 'accepted', centerId: w.tree.townA.id })
    expect((await act(w.townAClerk.client, c.id, 'forward', { opinion: '初审同意' })).statusCode).toBe(200)
    expect((await act(w.approver.client, c.id, 'receive')).statusCode).toBe(200)
    await act(w.reviewer.client, c.id, 'advance', { opinion: '审核通过' })
    await act(w.approver.client, c.id, 'approve', { note: '准予' })
    const dv = await act(w.approver.client, c.id, 'deliver', { method: 'pickup', centerId: w.tree.villageA.id })
    expect(dv.json().currentCenterId).toBe(w.tree.townA.id)
    const early = await act(w.agentA.client, c.id, 'pickup')
    expect(early.statusCode).toBe(409)
    expect(early.json().error.code).toBe('result_not_arrived')
    const down = await act(w.townAClerk.client, c.id, 'handover', { toUserId: w.agentA.id })
    expect(down.statusCode, down.body).toBe(200)
    expect(down.json().currentCenterId).toBe(w.tree.villageA.id)
    const pk = await act(w.agentA.client, c.id, 'pickup')
    expect(pk.json()).toMatchObject({ status: 'closed', number: c.number })
    const custody = (await w.agentA.client.get(`/api/cases/${c.id}/custody`)).json()
    expect(custody.levels.map((l: { level: string }) => l.level)).toEqual(['district', 'town', 'village'])
    expect(custody.handovers.map((h: { fromCenterName: string; toCenterName: string }) => `${h.fromCenterName}→${h.toCenterName}`))
      .toEqual(['甲村→甲村', '甲村→甲镇中心', '甲镇中心→测试区中心', '甲镇中心→测试区中心', '测试区中心→甲镇中心', '甲镇中心→甲村'])
    expect(custody.handovers[1].materials.map((m: { name: string }) => m.name)).toEqual(['申请表', '身份证复印件', '其他说明', '授权委托书'])
    const keys = (await t.db.selectFrom('messages').select('template_key').where('case_id', '=', c.id).orderBy('id').execute()).map((m) => m.template_key)
    expect(keys).toEqual(['accepted', 'forwarded', 'decided', 'ready'])
    const ready = await t.db.selectFrom('messages').select('body').where('case_id', '=', c.id).where('template_key', '=', 'ready').executeTakeFirstOrThrow()
    expect(ready.body).toContain('送达甲村')
    expect((await w.agentA.client.get('/api/agency/inbox')).json().cases.map((x: { id: number }) => x.id)).not.toContain(c.id)
  })

  it('a town agency window (代办窗口) carries a district item up: received at the town, handed to the district window, accepted there', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const townAgent = await makeUser(t.db, { roles: ['agent'], centerId: w.tree.townB.id })
    const client = await t.login(townAgent.username, townAgent.password)
    // w.items.promised is accepted at the district and town A, not at town B: town B's agency window carries it.
    const res = await client.post('/api/cases', intakeBody(w, w.items.promised, { centerId: w.tree.townB.id, agency: { authorization: true } }))
    expect(res.statusCode, res.body).toBe(201)
    const c = res.json()
    expect(c).toMatchObject({ status: 'received', originCenterId: w.tree.townB.id, currentCenterId: w.tree.townB.id })
    expect((await detail(client, c.id)).steps).toMatchObject([{ kind: 'handover', centerId: w.tree.townB.id, dueDate: '2026-03-05' }])
    const ho = await act(client, c.id, 'handover', { toCenterId: w.tree.district.id, materials: w.items.promised.materials.map((m) => ({ materialId: m, received: true })) })
    expect(ho.statusCode, ho.body).toBe(200)
    expect(ho.json()).toMatchObject({ status: 'received', currentCenterId: w.tree.district.id })
    const accepted = await act(w.clerk.client, c.id, 'accept', { materials: [] })
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.json()).toMatchObject({ status: 'accepted', centerId: w.tree.district.id, dueDate: '2026-03-16' })
    // A clerk (not an agent) at town B asking for the same item is told the town does not accept it.
    expect((await w.townBClerk.client.post('/api/cases', intakeBody(w, w.items.promised, { centerId: w.tree.townB.id }))).json().error.code).toBe('item_not_offered')
  })

  it('a hop handed over late is a red step; the custody chain records it late', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const c = await atVillage()
    clock.set('2026-03-09T09:00:00+08:00') // due 03-05
    expect((await detail(w.agentA.client, c.id)).steps[0].light).toBe('red')
    await act(w.agentA.client, c.id, 'handover', { toCenterId: w.tree.townA.id, materials: all() })
    const d = await detail(w.townAClerk.client, c.id)
    expect(d.steps[0]).toMatchObject({ kind: 'handover', light: 'red' })
    expect(d.events.at(-1).note).toContain('逾期')
    expect((await w.agentA.client.get(`/api/cases/${c.id}/custody`)).json().handovers.at(-1).late).toBe(true)
  })

  it('correction through the agent: the window notices what is missing, the agent sees it, the window accepts when it arrives', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const [m1, m2] = w.forwardItem.materials
    const c = await atVillage({ materials: [{ materialId: m1, received: true }] })
    await act(w.agentA.client, c.id, 'handover', { toCenterId: w.tree.townA.id, materials: [{ materialId: m1, received: true }] })
    const notice = await act(w.townAClerk.client, c.id, 'correct', { materials: [] })
    expect(notice.statusCode, notice.body).toBe(200)
    expect(notice.json()).toMatchObject({ status: 'correction', missing: [{ materialId: m2, name: '身份证复印件' }] })
    expect((await w.agentA.client.get('/api/agency/inbox')).json().cases.find((x: { id: number }) => x.id === c.id).status).toBe('correction')
    const msg = await t.db.selectFrom('messages').select(['template_key', 'body']).where('case_id', '=', c.id).executeTakeFirstOrThrow()
    expect(msg.template_key).toBe('correction')
    expect(msg.body).toContain('身份证复印件')
    expect((await act(w.townAClerk.client, c.id, 'supplement', { materials: [{ materialId: m2, received: true }] })).json().status).toBe('accepted')
  })
})

describe('bad input', () => {
  it('an agency intake without the authorisation → 400 naming body.agency.authorization, nothing written', async () => {
    const before = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    const res = await w.agentA.client.post('/api/cases', intakeBody(w, w.forwardItem, { centerId: w.tree.villageA.id }))
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.agency.authorization'])
    expect(await t.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).toEqual(before)
  })

  it('a hand-over to a sibling town or a village of another town → 403', async () => {
    const c = await atVillage()
    const sibling = await act(w.agentA.client, c.id, 'handover', { toCenterId: w.tree.townB.id, materials: all() })
    expect(sibling.statusCode).toBe(403)
    expect((await act(w.agentA.client, c.id, 'handover', { toCenterId: w.tree.villageB.id, materials: all() })).statusCode).toBe(403)
    expect((await act(w.agentA.client, c.id, 'handover', { toUserId: w.agentB.id, materials: all() })).statusCode).toBe(403)
    expect((await detail(w.agentA.client, c.id)).currentCenterId).toBe(w.tree.villageA.id)
  })

  it('a hand-over listing a material the case does not have → 400 naming it', async () => {
    const c = await atVillage()
    const res = await act(w.agentA.client, c.id, 'handover', { toCenterId: w.tree.townA.id, materials: [...all(), { materialId: w.items.promised.materials[0], received: true }] })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details[0].field).toBe('body.materials.3.materialId')
    expect(await t.db.selectFrom('case_handovers').select('id').where('case_id', '=', c.id).execute()).toHaveLength(1)
  })

  it('the town window cannot accept a case still at the village; another village\'s agent does not see it', async () => {
    const c = await atVillage()
    expect((await act(w.townAClerk.client, c.id, 'accept', { materials: [] })).statusCode).toBe(403)
    expect((await w.agentB.client.get(`/api/cases/${c.id}`)).statusCode).toBe(403)
    expect((await w.townBClerk.client.get(`/api/cases/${c.id}/custody`)).statusCode).toBe(403)
  })

  it('the agent\'s inbox comes a phone screen at a time: 20 cards, newest first, then the rest by cursor', async () => {
    const open = async () => (await w.agentA.client.get('/api/agency/inbox?limit=200')).json().cases.length as number
    for (let n = await open(); n < 21; n++) await atVillage()
    const first = (await w.agentA.client.get('/api/agency/inbox')).json()
    expect(first.cases).toHaveLength(20)
    expect(first.cases[0].applicant.idNumber).toContain('*')
    const rest = (await w.agentA.client.get(`/api/agency/inbox?cursor=${first.nextCursor}&limit=200`)).json().cases
    const ids = [...first.cases, ...rest].map((x: { id: number }) => x.id)
    expect(ids).toEqual((await w.agentA.client.get('/api/agency/inbox?limit=200')).json().cases.map((x: { id: number }) => x.id))
    expect([...ids].sort((a, b) => b - a)).toEqual(ids)
  })
})

describe('village coverage', () => {
  it('counts cases started in each village room per month, rooms without cases included', async () => {
    const res = await w.townAClerk.client.get('/api/reports/village-coverage?from=2026-03&to=2026-03')
    expect(res.statusCode).toBe(200)
    const rooms = res.json().rooms
    expect(rooms.map((r: { centerName: string }) => r.centerName)).toEqual(['甲村'])
    const n = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('origin_center_id', '=', w.tree.villageA.id).executeTakeFirstOrThrow()
    expect(rooms[0]).toMatchObject({ total: Number(n.n), months: [{ month: '2026-03', cases: Number(n.n) }] })
    const district = (await w.manager.client.get('/api/reports/village-coverage?from=2026-03&to=2026-04')).json()
    expect(district.rooms.find((r: { centerName: string }) => r.centerName === '乙村')).toMatchObject({ total: 0, months: [] })
    expect((await w.manager.client.get('/api/reports/village-coverage?from=2026-13&to=2026-04')).json().error.details[0].field).toBe('querystring.from')
  })
})
