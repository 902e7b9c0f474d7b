// Issue 18, the limits the law adds on the way and who moves a date: the permit's issue after a grant (行政许可法
// §44), the 上报 item's two limits (§43), extensions within the legal limit by the department, past it by the head or
// the head's AB stand-in while the head is away, a joint extension with the government head's approval attached, and
// the one-time fix of the old "+10" 法定办结日期 (migration 0102).
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as m0102 from '../../src/db/migrations/0102_permit_issue_stand_in.js'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { act, detail, intakeBody, makeItem } from '../helpers/cases.js'
import { makeLevelsWorld, type LevelsWorld } from '../helpers/levels.js'

let t: TestApp
let w: LevelsWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeLevelsWorld(t)
})
afterAll(() => t.close())

type Step = { kind: string; dueDate: string | null; doneAt?: string; light: string; centerId: number }
const open = async (item: { id: number; materials: number[] }, centerId = w.tree.district.id, c: Client = w.clerk.client, over: Record<string, unknown> = {}) => {
  const res = await c.post('/api/cases', intakeBody(w, item, { centerId, ...over }))
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}
const toDecision = async (id: number) => {
  for (const [u, opinion] of [[w.approver, '承办意见'], [w.reviewer, '审核意见']] as const) expect((await act(u.client, id, 'advance', { opinion })).statusCode).toBe(200)
}

describe('§44: after a grant the permit is issued within 10 working days, a step of its own before delivery', () => {
  it('a 行政许可 approved: an issue step due in 10 working days, red once late, in the inbox; issued with its number, then delivered', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const c = await open(w.items.promised)
    await toDecision(c.id)
    expect((await act(w.approver.client, c.id, 'approve')).json()).toMatchObject({ status: 'approved' })
    const d = await detail(w.approver.client, c.id)
    const issue = d.steps.find((s: Step) => s.kind === 'issue')
    expect(issue).toMatchObject({ dueDate: '2026-03-16', light: 'green', departmentId: w.departments.lead })
    expect(issue.doneAt).toBeUndefined()
    expect(d.allowedActions).toContain('issue')
    expect((await detail(w.clerk.client, c.id)).allowedActions).toContain('deliver')
    // the approver's inbox lists it; supervision sees it red once past its own due date
    const inbox = (await w.approver.client.get('/api/cases/inbox')).json()
    expect(inbox.items.find((i: { case: { id: number } }) => i.case.id === c.id)?.step).toMatchObject({ kind: 'issue', dueDate: '2026-03-16' })
    clock.set('2026-03-17T09:00:00+08:00')
    expect((await detail(w.approver.client, c.id)).steps.find((s: Step) => s.kind === 'issue').light).toBe('red')
    expect((await act(w.co1Approver.client, c.id, 'issue', { permitNumber: 'X-1' })).statusCode).toBe(403) // not the deciding department
    const res = await act(w.approver.client, c.id, 'issue', { permitNumber: '测许字〔2026〕7号' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().status).toBe('approved') // public status unchanged
    const after = await detail(w.approver.client, c.id)
    expect(after.steps.find((s: Step) => s.kind === 'issue').doneAt).toBeDefined()
    expect(after.events.at(-1)).toMatchObject({ action: 'issue' })
    expect(after.events.at(-1).note).toContain('测许字〔2026〕7号')
    expect(after.events.at(-1).note).toContain('逾期')
    expect(after.allowedActions).not.toContain('issue')
    expect((await act(w.approver.client, c.id, 'issue', {})).statusCode).toBe(409)
    const dl = await act(w.clerk.client, c.id, 'deliver', { method: 'pickup', centerId: w.tree.district.id })
    expect(dl.statusCode, dl.body).toBe(200)
    clock.set('2026-03-02T09:00:00+08:00')
  })

  it('delivered without a separate issue: the permit is issued with the delivery (颁发、送达), the step closed in the same event', async () => {
    const c = await open(w.items.promised)
    await toDecision(c.id)
    await act(w.approver.client, c.id, 'approve')
    const dl = await act(w.clerk.client, c.id, 'deliver', { method: 'mail', trackingNumber: 'SF123' })
    expect(dl.statusCode, dl.body).toBe(200)
    const d = await detail(w.clerk.client, c.id)
    expect(d.steps.find((s: Step) => s.kind === 'issue').doneAt).toBeDefined()
    expect(d.events.at(-1).note).toContain('制发许可证件')
  })

  it('a 行政确认 approved or a licence denied: no permit step', async () => {
    const confirm = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'promised', offeredAt: [w.tree.district.id], itemType: '行政确认', name: '工伤认定' })
    const a = await open(confirm)
    await toDecision(a.id)
    await act(w.approver.client, a.id, 'approve')
    const b = await open(w.items.promised)
    await toDecision(b.id)
    await act(w.approver.client, b.id, 'deny', { reasons: '不符合条件' })
    for (const id of [a.id, b.id]) expect((await detail(w.approver.client, id)).steps.map((s: Step) => s.kind)).not.toContain('issue')
  })
})

describe('§43: a 上报 item has the lower level\'s limit for 初审 and the upper level\'s for the decision', () => {
  it('初审 3 working days at the town; the district decides within its own 15 from receipt, not capped by the promise; never asks again', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const item = await makeItem(t.db, {
      departmentId: w.departments.lead, kind: 'forward', offeredAt: [w.tree.district.id, w.tree.townA.id], promisedDays: 10, legalDays: 20,
      stepLimits: [{ step: '初审', days: 3 }, { step: '上级决定', days: 15 }],
    })
    const c = await open(item, w.tree.townA.id, w.townAClerk.client)
    expect((await detail(w.townAClerk.client, c.id)).steps[0]).toMatchObject({ kind: 'handle', dueDate: '2026-03-05', centerId: w.tree.townA.id })
    expect((await act(w.townAClerk.client, c.id, 'forward', { opinion: '初审同意' })).statusCode).toBe(200)
    clock.set('2026-03-09T09:00:00+08:00')
    const rc = await act(w.approver.client, c.id, 'receive')
    expect(rc.statusCode, rc.body).toBe(200)
    const d = await detail(w.approver.client, c.id)
    expect(d.dueDate).toBe('2026-03-16') // the promise to the applicant stays
    expect(d.steps.find((s: Step) => s.kind === 'review')).toMatchObject({ dueDate: '2026-03-30', centerId: w.tree.district.id })
    expect(d.allowedActions).not.toContain('correct')
    expect((await act(w.approver.client, c.id, 'correct', { materials: [] })).statusCode).toBe(409)
    expect((await act(w.clerk.client, c.id, 'supplement', { materials: [] })).statusCode).toBe(409)
    expect((await act(w.reviewer.client, c.id, 'advance', { opinion: '审核同意' })).statusCode).toBe(200)
    expect((await detail(w.approver.client, c.id)).steps.find((s: Step) => s.kind === 'approve').dueDate).toBe('2026-03-30')
    clock.set('2026-03-02T09:00:00+08:00')
  })
})

describe('moving the promised date: the department within the legal limit, its head (or AB stand-in) past it', () => {
  it('approver +5 within the legal 20 → 200 (department); +12 past it → 403; the stand-in while the head is away → 200, recorded as such', async () => {
    const c = await open(w.items.promised) // promised 10, legal 20, §42 +10
    const within = await act(w.approver.client, c.id, 'extend', { days: 5, reason: '材料核查' })
    expect(within.statusCode, within.body).toBe(200)
    expect(within.json()).toMatchObject({ extendedLegalDueDate: null, extendedDays: 5 })
    const ev = (await detail(w.approver.client, c.id)).events.at(-1)
    expect(ev.note).toContain('在法定期限内，经本部门批准')
    expect((await detail(w.approver.client, c.id)).documents.at(-1)).toMatchObject({ docType: 'extension' })
    const past = await act(w.approver.client, c.id, 'extend', { days: 8, reason: '需专家评审' })
    expect(past.statusCode).toBe(403)
    expect(past.json().error.message).toContain('部门负责人')
    // the network manager names the approver the head's AB stand-in; a user of another department cannot be
    const bad = await w.manager.client.patch(`/api/departments/${w.departments.lead}`, { headStandInUserId: w.co1Approver.id })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details).toEqual([expect.objectContaining({ field: 'body.headStandInUserId' })])
    const set = await w.manager.client.patch(`/api/departments/${w.departments.lead}`, { headStandInUserId: w.approver.id })
    expect(set.json()).toMatchObject({ headStandInUserId: w.approver.id, headAway: false })
    expect((await act(w.approver.client, c.id, 'extend', { days: 8, reason: '需专家评审' })).statusCode).toBe(403) // the head is present
    expect((await w.manager.client.patch(`/api/departments/${w.departments.lead}`, { headAway: true })).statusCode).toBe(200)
    expect((await w.approver.client.get('/api/cases/extensions')).statusCode).toBe(200)
    const ok = await act(w.approver.client, c.id, 'extend', { days: 8, reason: '需专家评审' })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().extendedLegalDueDate).not.toBeNull()
    const e = await t.db.selectFrom('case_events').select(['actor_id', 'note', 'data']).where('case_id', '=', c.id).where('action', '=', 'extend').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(e.actor_id).toBe(w.approver.id)
    expect(e.data).toMatchObject({ approvedAs: 'stand_in', pastLegal: true })
    expect(e.note).toContain('AB 岗代为批准')
    await w.manager.client.patch(`/api/departments/${w.departments.lead}`, { headAway: false })
  })
})

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const boundary = '----yizhan' + Math.random().toString(16).slice(2)
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), file.data, Buffer.from('\r\n'))
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

describe('联办: +15 past the legal 45 days with the government head\'s approval attached', () => {
  it('JSON without the approval → 400 naming body.file; with the PDF → 200, kept with the case and readable by its readers', async () => {
    const joint = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'joint', offeredAt: [w.tree.district.id], promisedDays: 15, legalDays: 45 })
    const c = await open(joint, w.tree.district.id, w.clerk.client, { coDepartmentIds: [w.departments.co1] })
    const noFile = await act(w.head.client, c.id, 'extend', { days: 35, reason: '多部门联合踏勘' })
    expect(noFile.statusCode).toBe(400)
    expect(noFile.json().error.details).toEqual([expect.objectContaining({ field: 'body.file' })])
    const pdf = Buffer.from('%PDF-1.4\n% 区人民政府批复\n%%EOF\n')
    const post = (client: Client, fields: Record<string, string>, file?: { name: string; data: Buffer }) => {
      const m = multipart(fields, file)
      return t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/joint-extension`, headers: { ...client.headers(true), ...m.headers }, payload: m.payload })
    }
    expect((await post(w.head.client, { days: '35', reason: '多部门联合踏勘' })).json().error.details[0].field).toBe('body.file')
    expect((await post(w.head.client, { days: '46', reason: '多部门联合踏勘' }, { name: '批复.pdf', data: pdf })).statusCode).toBe(409) // past 45 + 15
    expect((await post(w.manager.client, { days: '35', reason: '多部门联合踏勘' }, { name: '批复.pdf', data: pdf })).statusCode).toBe(403)
    expect((await post(w.head.client, { days: 'x', reason: '多部门联合踏勘' }, { name: '批复.pdf', data: pdf })).json().error.details[0].field).toBe('body.days')
    expect(await t.db.selectFrom('case_attachments').select('id').where('case_id', '=', c.id).execute()).toEqual([])
    const ok = await post(w.head.client, { days: '35', reason: '多部门联合踏勘' }, { name: '批复.pdf', data: pdf })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().extendedLegalDueDate).not.toBeNull()
    const d = await detail(w.clerk.client, c.id)
    expect(d.attachments).toEqual([expect.objectContaining({ kind: 'government_approval', name: '批复.pdf', mime: 'application/pdf' })])
    expect(d.extensions.at(-1)).toMatchObject({ status: 'approved', pastLegal: true, attachmentId: d.attachments[0].id })
    expect(d.events.at(-1).note).toContain('本级人民政府负责人批准')
    const file = await w.clerk.client.get(`/api/cases/${c.id}/attachments/${d.attachments[0].id}`)
    expect(file.statusCode).toBe(200)
    expect(file.rawPayload.equals(pdf)).toBe(true)
    expect((await w.townBClerk.client.get(`/api/cases/${c.id}/attachments/${d.attachments[0].id}`)).statusCode).toBe(403)
  })
})

describe('migration 0102 fixes the old "+10" 法定办结日期 once', () => {
  it('a case accepted before 0100 with the extension in its legal date: recounted as the legal limit alone, audited; down and up again', async () => {
    const c = await open(w.items.promised) // accepted 2026-03-02, legal 20 working days → 2026-03-30
    expect(c.legalDueDate).toBe('2026-03-30')
    await t.db.updateTable('cases').set({ legal_due_date: '2026-04-14' }).where('id', '=', c.id).execute() // + the 10 nobody approved
    await sql`update kysely_migration set timestamp = ${new Date(Date.now() + 60_000).toISOString()} where name = '0100_legal_limits'`.execute(t.db)
    await m0102.down(t.db)
    await m0102.up(t.db)
    expect((await t.db.selectFrom('cases').select('legal_due_date').where('id', '=', c.id).executeTakeFirstOrThrow()).legal_due_date).toBe('2026-03-30')
    const audit = await t.db.selectFrom('audit_events').select('data').where('action', '=', 'case.legal_due_date_fixed').where('entity_id', '=', String(c.id)).executeTakeFirstOrThrow()
    expect(audit.data).toMatchObject({ from: '2026-04-14', to: '2026-03-30' })
    const immediate = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.immediate, { complete: true }))
    expect(immediate.json().legalDueDate).toBeNull()
  })
})
