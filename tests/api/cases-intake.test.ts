// 一窗受理 over HTTP: accepted, one-time notice, refusal, 即办 completed at once, requestId idempotency, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { intakeBody, makeCaseWorld, type CaseWorld } from '../helpers/cases.js'

let t: TestApp
let w: CaseWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeCaseWorld(t)
})
afterAll(() => t.close())

const countCases = async () => Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
const eventsOf = (id: number) => t.db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('id').execute()

describe('POST /api/cases', () => {
  it('accepts a promised case: number, query code, due date on the working-day calendar, item version kept, event appended', async () => {
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))
    expect(res.statusCode).toBe(201)
    const c = res.json()
    expect(c).toMatchObject({ status: 'accepted', handlingKind: 'promised', itemVersion: 1, centerId: w.tree.district.id, dueDate: '2026-03-16', suspended: false, light: 'green', acceptedOn: '2026-03-02' })
    expect(c.number).toMatch(/-2026-\d{7}$/)
    expect(c.queryCode).toMatch(/^[0-9A-Z]{6}$/)
    expect(c.applicant.idNumber).toMatch(/^4201\*{10}\d{3}[\dX]$/)
    const ev = await eventsOf(c.id)
    expect(ev.map((e) => [e.action, e.from_status, e.to_status, e.actor_id, e.window_id])).toEqual([['accept', null, 'accepted', w.clerk.id, w.windowId]])
    const steps = await t.db.selectFrom('case_steps').selectAll().where('case_id', '=', c.id).execute()
    expect(steps.map((s) => [s.kind, s.due_date, s.department_id])).toEqual([['handle', '2026-03-05', w.departments.lead]])
  })

  it('missing required materials: status correction, every missing one listed, the clock not started', async () => {
    const item = w.items.promised
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, item, { materials: [{ materialId: item.materials[0], received: true }, { materialId: item.materials[2], received: true }] }))
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ status: 'correction', dueDate: null, acceptedAt: null, missing: [{ materialId: item.materials[1], name: '身份证复印件' }] })
    const none = await w.clerk.client.post('/api/cases', intakeBody(w, item, { materials: [] }))
    expect(none.json().missing.map((m: { name: string }) => m.name)).toEqual(['申请表', '身份证复印件'])
  })

  it('refused at intake: reason, appeal rights and the office to go to', async () => {
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised, { refuse: { reason: '不属于本机关职权范围', referTo: '区市场监督管理局' } }))
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ status: 'refused', refusal: { reason: '不属于本机关职权范围', referTo: '区市场监督管理局' } })
    expect(res.json().refusal.appealRights).toContain('行政复议')
  })

  it('即办 with complete: true is accepted, approved, delivered and picked up in one request', async () => {
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.immediate, { complete: true }))
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ status: 'closed', dueDate: '2026-03-02', decision: { outcome: 'approved' }, delivery: { method: 'pickup' } })
    expect((await eventsOf(res.json().id)).map((e) => e.action)).toEqual(['accept', 'approve', 'deliver', 'pickup'])
  })

  it('an organization with a valid 统一社会信用代码', async () => {
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised, { applicant: { kind: 'organization', name: '某某有限公司', idNumber: '91350100M000100Y43', phone: '027-88886666' } }))
    expect(res.statusCode).toBe(201)
  })

  it('requestId: the same body again → 200 and the same case; a different body → 409; nothing doubled', async () => {
    const body = intakeBody(w, w.items.promised)
    const first = await w.clerk.client.post('/api/cases', body)
    const before = await countCases()
    const again = await w.clerk.client.post('/api/cases', body)
    expect(again.statusCode).toBe(200)
    expect(again.json().id).toBe(first.json().id)
    const other = await w.clerk.client.post('/api/cases', { ...body, applicant: { ...body.applicant, name: '李四' } })
    expect(other.statusCode).toBe(409)
    expect(other.json().error.code).toBe('request_id_reused')
    expect(await countCases()).toBe(before)
  })

  it('a double-click: two identical requests at once make one case', async () => {
    const body = intakeBody(w, w.items.promised)
    const [a, b] = await Promise.all([w.clerk.client.post('/api/cases', body), w.clerk.client.post('/api/cases', body)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201])
    expect(a.json().id).toBe(b.json().id)
  })
})

describe('bad input: a clear 400 naming the field, nothing written', () => {
  const bad = async (body: Record<string, unknown>, status: number, field?: string, code?: string) => {
    const before = await countCases()
    const res = await w.clerk.client.post('/api/cases', body)
    expect(res.statusCode, res.body).toBe(status)
    if (field) expect(JSON.stringify(res.json().error.details)).toContain(field)
    if (code) expect(res.json().error.code).toBe(code)
    expect(await countCases()).toBe(before)
  }
  it('unknown item', () => bad(intakeBody(w, { id: 999999, materials: [] }), 400, 'body.itemId'))
  it('unpublished item', () => bad(intakeBody(w, w.items.draft), 400, 'body.itemId', 'item_not_published'))
  it('an item the center does not offer', () => bad(intakeBody(w, w.items.notOffered), 400, 'body.itemId', 'item_not_offered'))
  it('a bad ID number (check digit)', () => {
    const b = intakeBody(w, w.items.promised)
    const id = (b.applicant as { idNumber: string }).idNumber
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1')
    return bad({ ...b, applicant: { ...(b.applicant as object), idNumber: wrong } }, 400, 'body.applicant.idNumber')
  })
  it('a bad credit code', () => {
    const b = intakeBody(w, w.items.promised)
    return bad({ ...b, applicant: { kind: 'organization', name: '某公司', idNumber: '91350100M000100Y44', phone: '13800138000' } }, 400, 'body.applicant.idNumber')
  })
  it('a bad phone', () => {
    const b = intakeBody(w, w.items.promised)
    return bad({ ...b, applicant: { ...(b.applicant as object), phone: '12345' } }, 400, 'body.applicant.phone')
  })
  it('a material of another item', () => bad(intakeBody(w, w.items.promised, { materials: [{ materialId: w.items.joint.materials[0], received: true }] }), 400, 'body.materials.0.materialId'))
  it('complete: true on a promised item', () => bad(intakeBody(w, w.items.promised, { complete: true }), 400, 'body.complete'))
  it('a joint item without co-departments', () => bad(intakeBody(w, w.items.joint), 400, 'body.coDepartmentIds'))
  it('an agent who is not one', () => bad(intakeBody(w, w.items.promised, { agent: { staffId: w.clerk.id } }), 400, 'body.agent.staffId'))
  it('missing fields and unknown fields', () => bad({ requestId: 'x' }, 400, 'body.itemId'))
})

describe('permissions', () => {
  it('a town clerk cannot record a case at the district center (403), an approver cannot take intake (403)', async () => {
    expect((await w.townAClerk.client.post('/api/cases', intakeBody(w, w.items.promised))).statusCode).toBe(403)
    expect((await w.approver.client.post('/api/cases', intakeBody(w, w.items.promised))).statusCode).toBe(403)
  })
  it('without login: 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/cases', payload: intakeBody(w, w.items.promised) })
    expect(res.statusCode).toBe(401)
  })
})
