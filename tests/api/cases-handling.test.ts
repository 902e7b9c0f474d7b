// The five rules at one center (承诺, 联办, 控制, 即办 by steps), correction, suspension, extension, delivery and
// pick-up, the case page and its audit, concurrency, and the 409/403 answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { act, detail, intakeBody, makeCaseWorld, type CaseWorld } from '../helpers/cases.js'

let t: TestApp
let w: CaseWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeCaseWorld(t)
})
afterAll(() => t.close())

const actions = async (id: number) => (await t.db.selectFrom('case_events').select('action').where('case_id', '=', id).orderBy('id').execute()).map((e) => e.action)
async function open(item: { id: number; materials: number[] }, over: Record<string, unknown> = {}) {
  const res = await w.clerk.client.post('/api/cases', intakeBody(w, item, over))
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: number; number: string; queryCode: string; status: string }
}

describe('承诺 (promised): 承办 → 审核 → 批准, deliver, pickup', () => {
  it('walks the three department steps, then approval, delivery and pick-up', async () => {
    const c = await open(w.items.promised)
    const a1 = await act(w.approver.client, c.id, 'advance', { opinion: '材料齐全，符合条件' })
    expect(a1.statusCode, a1.body).toBe(200)
    expect(a1.json().status).toBe('in_review')
    // separation of duties (the item does not allow 同一人连续办理): who did 承办 may not 审核, who did 审核 may not decide
    const own = await detail(w.approver.client, c.id)
    expect(own.allowedActions).not.toContain('advance')
    expect(own.separatedFrom).toMatchObject({ step: 'handle', actorName: w.approver.name, actions: ['advance'] })
    const twice = await act(w.approver.client, c.id, 'advance', { opinion: '审核通过' })
    expect(twice.statusCode).toBe(403)
    expect(twice.json().error).toMatchObject({ code: 'same_person_consecutive', details: { previousStep: 'handle', previousActorName: w.approver.name } })
    expect(twice.json().error.message).toContain(w.approver.name)
    expect((await detail(w.reviewer.client, c.id)).separatedFrom).toBeNull()
    expect((await act(w.reviewer.client, c.id, 'advance', { opinion: '审核通过' })).statusCode).toBe(200)
    const mine = await detail(w.reviewer.client, c.id)
    expect(mine.allowedActions).not.toContain('approve')
    expect(mine.separatedFrom).toMatchObject({ step: 'review', actions: ['approve', 'deny'] })
    const decide = await act(w.reviewer.client, c.id, 'approve', { note: '准予' })
    expect(decide.json().error).toMatchObject({ code: 'same_person_consecutive', details: { previousStep: 'review', previousActorName: w.reviewer.name } })
    const d = await detail(w.approver.client, c.id)
    expect(d.steps.map((s: { kind: string }) => s.kind)).toEqual(['handle', 'review', 'approve'])
    expect(d.allowedActions).toEqual(['approve', 'deny', 'suspend', 'request_extension', 'extend'])
    const ap = await act(w.approver.client, c.id, 'approve', { note: '准予' })
    expect(ap.json()).toMatchObject({ status: 'approved', decision: { outcome: 'approved' } })
    expect((await act(w.clerk.client, c.id, 'pickup')).statusCode).toBe(409) // not delivered yet
    const dv = await act(w.clerk.client, c.id, 'deliver', { method: 'pickup', centerId: w.tree.district.id })
    expect(dv.statusCode, dv.body).toBe(200)
    const pk = await act(w.clerk.client, c.id, 'pickup')
    expect(pk.json().status).toBe('closed')
    expect(await actions(c.id)).toEqual(['accept', 'advance', 'advance', 'approve', 'deliver', 'pickup'])
    expect((await detail(w.clerk.client, c.id)).allowedActions).toEqual([])
  })

  it('deny with reasons and appeal rights; mail delivery needs a tracking number', async () => {
    const c = await open(w.items.promised)
    await act(w.approver.client, c.id, 'advance', { opinion: '承办' })
    await act(w.reviewer.client, c.id, 'advance', { opinion: '审核' })
    expect((await act(w.approver.client, c.id, 'deny', {})).statusCode).toBe(400)
    const res = await act(w.approver.client, c.id, 'deny', { reasons: '不符合规划' })
    expect(res.json()).toMatchObject({ status: 'denied', decision: { outcome: 'denied', reasons: '不符合规划' } })
    expect(res.json().decision.appealRights).toContain('行政诉讼')
    const noTrack = await act(w.clerk.client, c.id, 'deliver', { method: 'mail' })
    expect(noTrack.statusCode).toBe(400)
    expect(noTrack.json().error.details[0].field).toBe('body.trackingNumber')
    expect((await act(w.clerk.client, c.id, 'deliver', { method: 'mail', trackingNumber: 'EMS1234567' })).json().delivery).toMatchObject({ method: 'mail', trackingNumber: 'EMS1234567' })
  })

  it('an action not allowed in the status → 409 naming the allowed ones, and nothing written', async () => {
    const c = await open(w.items.promised)
    const res = await act(w.approver.client, c.id, 'approve', { note: 'x' })
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatchObject({ code: 'invalid_transition', details: { allowedActions: ['advance', 'suspend', 'request_extension', 'extend'] } })
    expect(await actions(c.id)).toEqual(['accept'])
    const pick = await act(w.clerk.client, c.id, 'pickup')
    expect(pick.statusCode).toBe(409)
    expect(pick.json().error.details.status).toBe('accepted')
  })

  it('a step of another department is not yours: no advance, 403 (the status allows it to the step\'s department)', async () => {
    const c = await open(w.items.promised)
    const res = await act(w.co1Approver.client, c.id, 'advance', { opinion: 'x' })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('not_your_step')
    expect((await detail(w.co1Approver.client, c.id)).allowedActions).not.toContain('advance')
  })
})

describe('联办 (joint): co-departments sign in parallel', () => {
  it('moves to 批准 only when every co-department has signed', async () => {
    const c = await open(w.items.joint, { coDepartmentIds: [w.departments.co1, w.departments.co2] })
    await act(w.approver.client, c.id, 'advance', { opinion: '牵头部门承办' })
    let d = await detail(w.approver.client, c.id)
    expect(d.steps.filter((s: { doneAt?: string }) => !s.doneAt).map((s: { kind: string; departmentId: number }) => [s.kind, s.departmentId]))
      .toEqual([['sign', w.departments.co1], ['sign', w.departments.co2]])
    expect((await act(w.co1Approver.client, c.id, 'sign', { opinion: '同意', departmentId: w.departments.co2 })).statusCode).toBe(400)
    expect((await act(w.co1Approver.client, c.id, 'sign', { opinion: '同意', departmentId: w.departments.co1 })).statusCode).toBe(200)
    d = await detail(w.approver.client, c.id)
    expect(d.allowedActions).not.toContain('approve')
    expect((await act(w.co2Approver.client, c.id, 'sign', { opinion: '同意', departmentId: w.departments.co2 })).statusCode).toBe(200)
    d = await detail(w.approver.client, c.id)
    expect(d.allowedActions).toContain('approve')
    expect((await act(w.approver.client, c.id, 'approve', {})).json().status).toBe('approved')
  })
  it('the one-time notice covers every department\'s materials', async () => {
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.joint, { coDepartmentIds: [w.departments.co1], materials: [] }))
    expect(res.json().missing).toHaveLength(2)
  })
})

describe('控制 (controlled): a written answer', () => {
  it('answer instead of a permit', async () => {
    const c = await open(w.items.controlled)
    await act(w.approver.client, c.id, 'advance', { opinion: '承办' })
    await act(w.reviewer.client, c.id, 'advance', { opinion: '审核' })
    const d = await detail(w.approver.client, c.id)
    expect(d.allowedActions).not.toContain('approve')
    const res = await act(w.approver.client, c.id, 'answer', { text: '本年度指标已满，明年一季度可再申请' })
    expect(res.json()).toMatchObject({ status: 'answered', decision: { outcome: 'answered', note: '本年度指标已满，明年一季度可再申请' } })
  })
})

describe('即办 (immediate) without complete', () => {
  it('the window clerk approves it at once', async () => {
    const c = await open(w.items.immediate)
    expect(c.status).toBe('accepted')
    expect((await act(w.clerk.client, c.id, 'approve', {})).json().status).toBe('approved')
  })
})

describe('correction (补正)', () => {
  it('supplement accepts the case the day the materials arrive; still missing → 400', async () => {
    const item = w.items.promised
    const c = await open(item, { materials: [{ materialId: item.materials[0], received: true }] })
    expect(c.status).toBe('correction')
    clock.set('2026-03-04T10:00:00+08:00')
    try {
      expect((await act(w.clerk.client, c.id, 'supplement', { materials: [] })).statusCode).toBe(400)
      const res = await act(w.clerk.client, c.id, 'supplement', { materials: [{ materialId: item.materials[1], received: true }] })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toMatchObject({ status: 'accepted', acceptedOn: '2026-03-04', dueDate: '2026-03-18' })
      expect(await actions(c.id)).toEqual(['correct', 'supplement'])
    } finally { clock.set('2026-03-02T09:00:00+08:00') }
  })
  it('refuse a case in correction', async () => {
    const c = await open(w.items.promised, { materials: [] })
    expect((await act(w.clerk.client, c.id, 'refuse', {})).statusCode).toBe(400)
    expect((await act(w.clerk.client, c.id, 'refuse', { reason: '申请人撤回' })).json().status).toBe('refused')
  })
})

describe('the 5-working-day rule for received cases', () => {
  it('accepting after 5 working days counts from the day the materials arrived; a late correction notice is refused', async () => {
    const c = await open(w.items.promised)
    // a case recorded as received (by an agent, next issue): set up directly
    await t.db.updateTable('cases').set({ status: 'received', accepted_at: null, accepted_on: null, due_date: null, received_on: '2026-03-02' }).where('id', '=', c.id).execute()
    await t.db.deleteFrom('case_steps').where('case_id', '=', c.id).execute()
    clock.set('2026-03-10T09:00:00+08:00')
    try {
      const late = await act(w.clerk.client, c.id, 'correct', { materials: [] })
      expect(late.statusCode).toBe(409)
      expect(late.json().error.code).toBe('correction_notice_late')
      const res = await act(w.clerk.client, c.id, 'accept', {})
      expect(res.json()).toMatchObject({ status: 'accepted', acceptedOn: '2026-03-02', dueDate: '2026-03-16' })
    } finally { clock.set('2026-03-02T09:00:00+08:00') }
  })
})

describe('clock: suspend, resume, extend', () => {
  it('a suspension leaves its working days out of the due date of the case and of its step', async () => {
    const c = await open(w.items.promised) // due 2026-03-16, 承办 step due 03-05
    expect((await act(w.approver.client, c.id, 'suspend', { reason: '现场核查' })).statusCode).toBe(400)
    const s = await act(w.approver.client, c.id, 'suspend', { reason: '现场核查', kind: 'inspection' })
    expect(s.json()).toMatchObject({ suspended: true })
    expect((await act(w.approver.client, c.id, 'advance', { opinion: 'x' })).statusCode).toBe(409)
    clock.set('2026-03-04T09:00:00+08:00') // Tue, Wed paused
    try {
      expect((await w.approver.client.get(`/api/cases/${c.id}`)).json().dueDate).toBe('2026-03-18')
      const r = await act(w.approver.client, c.id, 'resume', {})
      expect(r.json()).toMatchObject({ suspended: false, dueDate: '2026-03-18' })
      const d = await detail(w.approver.client, c.id)
      expect(d.steps[0].dueDate).toBe('2026-03-09')
      expect(d.pauses).toMatchObject([{ kind: 'inspection', from: '2026-03-02', to: '2026-03-04' }])
    } finally { clock.set('2026-03-02T09:00:00+08:00') }
  })

  it('an approver requests, the deciding department\'s head extends past the legal limit; never past legal + the §42 extension (409)', async () => {
    const c = await open(w.items.promised) // promised 10, legal 20, §42 +10 → room 20
    // the approver may move the date within the legal limit only; past it is the head's (issue 18)
    expect((await act(w.approver.client, c.id, 'extend', { days: 11, reason: 'x' })).statusCode).toBe(403)
    const req = await act(w.approver.client, c.id, 'request_extension', { days: 5, reason: '需专家论证' })
    expect(req.statusCode, req.body).toBe(200)
    const pending = await w.head.client.get('/api/cases/extensions')
    expect(pending.json().extensions.map((e: { case: { id: number } }) => e.case.id)).toContain(c.id)
    expect((await w.manager.client.get('/api/cases/extensions')).statusCode).toBe(403)
    const ext = await act(w.head.client, c.id, 'extend', { days: 5, reason: '需专家论证' })
    expect(ext.json()).toMatchObject({ extendedDays: 5, dueDate: '2026-03-23' })
    const past = await act(w.head.client, c.id, 'extend', { days: 16, reason: '再延' })
    expect(past.statusCode).toBe(409)
    expect(past.json().error).toMatchObject({ code: 'extension_past_legal_limit' })
    expect((await act(w.head.client, c.id, 'extend', { days: 15, reason: '再延' })).statusCode).toBe(200)
    expect(await actions(c.id)).toEqual(['accept', 'request_extension', 'extend', 'extend'])
    const rows = await t.db.selectFrom('case_extensions').select(['status', 'days']).where('case_id', '=', c.id).orderBy('id').execute()
    expect(rows).toEqual([{ status: 'approved', days: 5 }, { status: 'approved', days: 15 }])
  })
})

describe('the case page', () => {
  it('shows the full ID number once per view and records each view in the audit log; lists mask it', async () => {
    const c = await open(w.items.promised)
    const d = await detail(w.clerk.client, c.id)
    expect(d.applicant.idNumber).toMatch(/^\d{17}[\dX]$/)
    expect(d.events[0]).toMatchObject({ action: 'accept', to: 'accepted', centerName: '测试区中心', windowName: '综合窗口' })
    expect(d.notice).toMatchObject({ acceptingCenterName: '测试区中心', complaintPhone: '027-12345', windowName: '综合窗口' })
    const audit = await t.db.selectFrom('audit_events').selectAll().where('entity', '=', 'case').where('entity_id', '=', String(c.id)).execute()
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([['case.view', w.clerk.id]])
    expect(JSON.stringify(audit)).not.toContain(d.applicant.idNumber)
    const list = await w.clerk.client.get('/api/cases?limit=200')
    const row = list.json().cases.find((x: { id: number }) => x.id === c.id)
    expect(row.applicant.idNumber).toMatch(/\*{10}/)
  })
})

describe('concurrency', () => {
  it('two people acting on one case at once: one wins, the other gets 409, one event', async () => {
    const c = await open(w.items.promised)
    const results = await Promise.all([
      act(w.approver.client, c.id, 'advance', { opinion: '甲' }),
      act(w.approver.client, c.id, 'advance', { opinion: '乙' }),
    ])
    const codes = results.map((r) => r.statusCode).sort()
    expect(codes[0]).toBe(200)
    expect(codes[1]).toBe(409)
    expect(await actions(c.id)).toEqual(['accept', 'advance'])
  })
  it('acting on a version you did not see → 409 stale_case', async () => {
    const c = await open(w.items.promised)
    const res = await act(w.approver.client, c.id, 'advance', { opinion: 'x', version: 99 })
    expect(res.json().error.code).toBe('stale_case')
  })
})

describe('permissions', () => {
  it('a case of another town: 403 on the page and on actions, absent from lists', async () => {
    const res = await w.townAClerk.client.post('/api/cases', { ...intakeBody(w, w.items.promised), centerId: w.tree.townA.id })
    expect(res.statusCode, res.body).toBe(201)
    const id = res.json().id
    expect((await w.townBClerk.client.get(`/api/cases/${id}`)).statusCode).toBe(403)
    expect((await act(w.townBManager.client, id, 'extend', { days: 1, reason: 'x' })).statusCode).toBe(403)
    const list = await w.townBClerk.client.get('/api/cases?limit=200')
    expect(list.json().cases.map((c: { id: number }) => c.id)).not.toContain(id)
    const mine = await w.townAClerk.client.get('/api/cases?limit=200')
    expect(mine.json().cases.map((c: { id: number }) => c.id)).toContain(id)
    expect((await w.clerk.client.get(`/api/cases/${id}`)).statusCode).toBe(200) // the district covers its towns
    expect((await w.townBClerk.client.get(`/api/cases?centerId=${w.tree.townA.id}`)).statusCode).toBe(403)
  })
  it('a role that may never take the action here: 403', async () => {
    const c = await open(w.items.promised)
    expect((await act(w.clerk.client, c.id, 'advance', { opinion: 'x' })).statusCode).toBe(403)
  })
  it('unknown case 404, unknown action 400', async () => {
    expect((await act(w.clerk.client, 99999999, 'accept')).statusCode).toBe(404)
    expect((await act(w.clerk.client, 1, 'explode')).statusCode).toBe(400)
  })
})

describe('lists', () => {
  it('keyset pages without gaps or repeats; the inbox is sorted by due date', async () => {
    for (let i = 0; i < 5; i++) await open(w.items.promised)
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const res = await w.clerk.client.get(`/api/cases?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.statusCode).toBe(200)
      seen.push(...res.json().cases.map((c: { id: number }) => c.id))
      cursor = res.json().nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect([...seen].sort((a, b) => b - a)).toEqual(seen)
    const total = Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('origin_path', 'like', `${w.tree.district.path}%`).executeTakeFirstOrThrow()).n)
    expect(seen.length).toBe(total)
    const inbox = (await w.approver.client.get('/api/cases/inbox?limit=200')).json().items as { step: { dueDate: string } }[]
    expect(inbox.length).toBeGreaterThan(0)
    expect(inbox.map((i) => i.step.dueDate)).toEqual([...inbox.map((i) => i.step.dueDate)].sort())
    // Without a limit: a page of 20 rows of what the table shows (masked ID number, no phone), then the rest by cursor.
    for (let i = 0; i < 21 - inbox.length; i++) await open(w.items.promised)
    const page = (await w.approver.client.get('/api/cases/inbox')).json()
    expect(page.items).toHaveLength(20)
    expect(page.nextCursor).toMatch(/^\d{4}-\d{2}-\d{2}_\d+$/)
    expect(page.items[0].case.applicant.idNumber).toContain('*')
    expect(page.items[0].case.applicant.phone).toBeUndefined()
    const rest = (await w.approver.client.get(`/api/cases/inbox?cursor=${page.nextCursor}&limit=200`)).json().items
    expect([...page.items, ...rest].map((i: { step: { id: number } }) => i.step.id)).toEqual(
      (await w.approver.client.get('/api/cases/inbox?limit=200')).json().items.map((i: { step: { id: number } }) => i.step.id))
    expect((await w.clerk.client.get('/api/cases?status=refused')).json().cases.every((c: { status: string }) => c.status === 'refused')).toBe(true)
    expect((await w.clerk.client.get('/api/cases?cursor=abc')).statusCode).toBe(400)
  })
  it('light filter: red lists cases past their due date', async () => {
    const c = await open(w.items.promised)
    clock.set('2026-03-17T09:00:00+08:00')
    try {
      const red = (await w.clerk.client.get('/api/cases?light=red&limit=200')).json().cases
      expect(red.map((x: { id: number }) => x.id)).toContain(c.id)
      expect(red.every((x: { light: string }) => x.light === 'red')).toBe(true)
    } finally { clock.set('2026-03-02T09:00:00+08:00') }
  })
})

describe('workbench calendar warning', () => {
  it('a manager sees the next unconfirmed year within 60 days; a clerk may not ask', async () => {
    clock.set('2026-11-15T09:00:00+08:00')
    try {
      const res = await w.manager.client.get('/api/workbench/calendar-warning')
      expect(res.json()).toEqual({ horizonDays: 60, warnings: [{ year: 2027, startsOn: '2027-01-01', daysUntil: 47 }] })
      expect((await w.clerk.client.get('/api/workbench/calendar-warning')).statusCode).toBe(403)
    } finally { clock.set('2026-03-02T09:00:00+08:00') }
  })
})
