// Issue 18, the eight problems seen on the demo: each request that showed it, and the right answer now.
// 1 法定办结日期 without an unapproved extension; 2 units by item type; 3 the deciding body; 4 outcome wording;
// 5 extensions approved by the deciding department's head; 6 特别程序 notice and message; 8 provisional dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, makeUser, type TestApp } from '../helpers/app.js'
import { act, detail, intakeBody, makeCaseWorld, makeItem, type CaseWorld } from '../helpers/cases.js'
import { itemCode } from '../helpers/item-code.js'

let t: TestApp
let w: CaseWorld
const clock = new SettableClock('2025-04-02T09:00:00+08:00') // a Wednesday; 清明 2025-04-04..06 off
let five: Awaited<ReturnType<typeof makeItem>>
let injury: Awaited<ReturnType<typeof makeItem>>

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeCaseWorld(t)
  five = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'promised', offeredAt: [w.tree.district.id], promisedDays: 5, legalDays: 5 })
  // 工伤认定: 行政确认, 《工伤保险条例》 §20 "60日内": calendar days, no §42 extension
  injury = await makeItem(t.db, {
    departmentId: w.departments.lead, kind: 'promised', offeredAt: [w.tree.district.id], promisedDays: 30, legalDays: 60,
    itemType: '行政确认', daysUnit: 'calendar', name: '工伤认定',
  })
  await t.db.updateTable('departments').set({ name: '区经改局', short_name: '经改' }).where('id', '=', w.departments.lead).execute()
  await t.db.updateTable('centers').set({ review_body: '测试区人民政府', court: '测试区人民法院' }).where('id', '=', w.tree.district.id).execute()
})
afterAll(() => t.close())

const open = async (item: { id: number; materials: number[] }) => {
  const res = await w.clerk.client.post('/api/cases', intakeBody(w, item))
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}
/** Through 承办 and 审核 to the approver's 批准 step. */
const toDecision = async (id: number) => {
  for (const [u, opinion] of [[w.approver, '承办意见'], [w.reviewer, '审核意见']] as const) expect((await act(u.client, id, 'advance', { opinion })).statusCode).toBe(200)
}

describe('1. 法定办结日期 is the legal limit alone', () => {
  it('a 5-working-day item accepted 2025-04-02: 2025-04-10, not 04-24 (the §42 extension nobody approved)', async () => {
    const c = await open(five)
    expect(c).toMatchObject({ acceptedOn: '2025-04-02', dueDate: '2025-04-10', legalDueDate: '2025-04-10', extendedLegalDueDate: null, provisional: false })
    expect((await detail(w.clerk.client, c.id)).legalDueDate).toBe('2025-04-10')
  })
  it('a 即办 item: no legal due date (当场办结), not a date 10 working days out', async () => {
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.immediate, { complete: true }))
    expect(res.json()).toMatchObject({ status: 'closed', legalDueDate: null })
  })
})

describe('2. limits in the unit of the item\'s law', () => {
  it('工伤认定 (60 日) accepted 2025-04-18: due 2025-06-17 in calendar days, not 2025-07-30', async () => {
    clock.set('2025-04-18T09:00:00+08:00')
    try {
      const c = await open(injury)
      expect(c).toMatchObject({ daysUnit: 'calendar', legalDueDate: '2025-06-17', dueDate: '2025-05-19', extensionRule: 'none' })
      // 30 calendar days from 04-18 is Sunday 05-18: the limit ends on the next working day (民法典 §203).
      // No §42 extension for a 行政确认: room is up to the legal limit only (60 - 30 = 30 days).
      const past = await act(w.head.client, c.id, 'extend', { days: 31, reason: '调查取证' })
      expect(past.statusCode).toBe(409)
      expect(past.json().error.code).toBe('extension_past_legal_limit')
      const within = await act(w.head.client, c.id, 'extend', { days: 30, reason: '调查取证' })
      expect(within.json()).toMatchObject({ dueDate: '2025-06-17', legalDueDate: '2025-06-17', extendedLegalDueDate: null })
      // the history and the progress page say days, not working days
      expect((await detail(w.approver.client, c.id)).events[0].note).toBe('受理，承诺 30 日内办结')
      const progress = (await t.app.inject({ url: `/api/public/progress?number=${c.number}&code=${c.queryCode}` })).json()
      expect(progress.events.map((e: { note: string }) => e.note)).toContain('延长办理期限 30 日：调查取证')
    } finally { clock.set('2025-04-02T09:00:00+08:00') }
  })
  it('the catalog: a unit other than the two → 400 naming the field; promisedDaysUnit must equal legalDaysUnit', async () => {
    const admin = w.manager.client
    const body = {
      code: itemCode(4242, '000116001999'), departmentId: w.departments.lead, name: '测试工伤', basicCode: '000116001999',
      itemType: '行政确认', implementingBody: '区人社局', targets: ['person'], handlingKind: 'promised', legalDays: 60, promisedDays: 30,
      acceptLevel: 'district', decideLevel: 'district', materials: [],
    }
    const bad = await admin.post('/api/items', { ...body, legalDaysUnit: 'month' })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('legalDaysUnit')
    const mixed = await admin.post('/api/items', { ...body, legalDaysUnit: 'calendar', promisedDaysUnit: 'workday' })
    expect(mixed.statusCode).toBe(400)
    expect(mixed.body).toContain('promisedDaysUnit')
  })
})

describe('the catalog check against the law', () => {
  it('publishing a 行政确认 with a §42 extension and 准予许可 → 409 naming the fields; with a written reason → published, reason kept', async () => {
    const admin = w.manager.client
    const res = await admin.post('/api/items', {
      code: itemCode(4343, '000116001998'), departmentId: w.departments.lead, name: '测试确认事项', basicCode: '000116001998',
      itemType: '行政确认', implementingBody: '区行政服务中心', targets: ['person'], handlingKind: 'promised', legalDays: 60, promisedDays: 30,
      legalDaysUnit: 'calendar', extensionRule: 'art42', outcomeWording: '准予许可', acceptLevel: 'district', decideLevel: 'district',
      materials: [{ name: '申请表', form: 'original' }],
    })
    expect(res.statusCode, res.body).toBe(201)
    const id = res.json().id
    const refused = await admin.post(`/api/items/${id}/publish`, {})
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('catalog_check')
    expect(refused.json().error.details.warnings.map((x: { field: string }) => x.field).sort())
      .toEqual(['body.extensionRule', 'body.implementingBody', 'body.outcomeWording'])
    expect((await admin.get(`/api/items/${id}`)).json().published).toBeNull()
    const ok = await admin.post(`/api/items/${id}/publish`, { reason: '区司法局审核同意，待省级事项库调整后修改' })
    expect(ok.statusCode, ok.body).toBe(200)
    const v = await t.db.selectFrom('item_versions').select(['status', 'publish_reason', 'publish_warnings']).where('item_id', '=', id).executeTakeFirstOrThrow()
    expect(v).toMatchObject({ status: 'published', publish_reason: '区司法局审核同意，待省级事项库调整后修改' })
    expect(v.publish_warnings).toHaveLength(3)
  })
})

describe('3. decisions in the deciding department\'s name, with the 复议机关 and the court', () => {
  it('a denial names 区经改局, the review body with 60 days and the court with 6 months; never the center', async () => {
    const c = await open(five)
    await toDecision(c.id)
    const res = await act(w.approver.client, c.id, 'deny', { reasons: '不符合法定条件' })
    expect(res.statusCode, res.body).toBe(200)
    const d = await detail(w.approver.client, c.id)
    expect(d.notice).toMatchObject({ decidingBody: '区经改局', reviewBody: '测试区人民政府', court: '测试区人民法院', reviewFirst: false })
    expect(d.decision.appealRights).toContain('六十日内向测试区人民政府申请行政复议')
    expect(d.decision.appealRights).toContain('六个月内向测试区人民法院提起行政诉讼')
    expect(d.decision.appealRights).toContain('作出机关：区经改局')
    expect(d.decision.appealRights).not.toContain('测试区中心')
  })
  it('复议前置: the refusal does not offer the court directly', async () => {
    await t.db.updateTable('departments').set({ review_first: true, review_body: '市税务局' }).where('id', '=', w.departments.lead).execute()
    try {
      const res = await w.clerk.client.post('/api/cases', intakeBody(w, five, { refuse: { reason: '不属于本机关职权范围' } }))
      expect(res.statusCode, res.body).toBe(201)
      const d = await detail(w.clerk.client, res.json().id)
      expect(d.refusal.appealRights).toContain('向市税务局申请行政复议')
      expect(d.refusal.appealRights).not.toContain('六个月内')
      expect(d.refusal.decidingBody).toBe('区经改局')
    } finally {
      await t.db.updateTable('departments').set({ review_first: false, review_body: null }).where('id', '=', w.departments.lead).execute()
    }
  })
  it('a department that has not entrusted the window: the clerk\'s refusal → 403, its approver refuses', async () => {
    await t.db.updateTable('departments').set({ window_may_refuse: false }).where('id', '=', w.departments.lead).execute()
    try {
      const c = (await w.clerk.client.post('/api/cases', intakeBody(w, five, { materials: [] }))).json()
      expect(c.status).toBe('correction')
      expect((await act(w.clerk.client, c.id, 'refuse', { reason: '不符合受理条件' })).statusCode).toBe(403)
      expect((await detail(w.clerk.client, c.id)).allowedActions).not.toContain('refuse')
      expect((await w.clerk.client.post('/api/cases', intakeBody(w, five, { refuse: { reason: 'x' } }))).statusCode).toBe(403)
      const ok = await act(w.approver.client, c.id, 'refuse', { reason: '不符合受理条件' })
      expect(ok.statusCode, ok.body).toBe(200)
      expect((await act(w.approver.client, c.id, 'refuse', {})).statusCode).toBe(409) // refused already
    } finally {
      await t.db.updateTable('departments').set({ window_may_refuse: true }).where('id', '=', w.departments.lead).execute()
    }
  })
  it('a refusal without a reason → 400, nothing written', async () => {
    const c = (await w.clerk.client.post('/api/cases', intakeBody(w, five, { materials: [] }))).json()
    const res = await act(w.clerk.client, c.id, 'refuse', {})
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'body.reason' })])
    expect((await detail(w.clerk.client, c.id)).status).toBe('correction')
  })
})

describe('4. the decision worded by item type; 不予许可 is its own document', () => {
  it('a 行政确认 approval reads 予以确认 (not 准予许可); a 行政许可 one 准予许可', async () => {
    const c = await open(injury)
    await toDecision(c.id)
    expect((await act(w.approver.client, c.id, 'approve')).statusCode).toBe(200)
    const d = await detail(w.approver.client, c.id)
    expect(d.decision).toMatchObject({ outcome: 'approved', note: '予以确认', wording: '予以确认', decidingBody: '区经改局' })
    // a 确认 binds others too (the employer of a 工伤认定): its decision states the appeal rights; a licence granted does not
    expect(d.decision.appealRights).toMatch(/六十日内向测试区人民政府申请行政复议.*六个月内向测试区人民法院提起行政诉讼/)
    expect(d.notice.outcomeWording).toBe('予以确认')
    expect(d.documents.map((x: { docType: string }) => x.docType)).toEqual(['accept', 'decision'])
    const p = await open(five)
    await toDecision(p.id)
    await act(w.approver.client, p.id, 'approve')
    expect((await detail(w.approver.client, p.id)).decision.note).toBe('准予许可')
    expect((await detail(w.approver.client, p.id)).decision.appealRights).toBeUndefined()
  })
  it('the applicant reads the item\'s words: 予以确认 / 不予确认 on the progress page and in the message, never the approver\'s own note', async () => {
    const progress = async (c: { number: string; queryCode: string }) =>
      (await t.app.inject({ url: `/api/public/progress?number=${c.number}&code=${c.queryCode}` })).json().events.map((e: { note: string }) => e.note)
    const decided = async (id: number) => (await t.db.selectFrom('messages').select(['body', 'params']).where('case_id', '=', id)
      .where('template_key', '=', 'decided').executeTakeFirstOrThrow())
    const a = await open(injury)
    await toDecision(a.id)
    expect((await act(w.approver.client, a.id, 'approve', { note: '经办人意见：同意，建议从快' })).statusCode).toBe(200)
    expect(await progress(a)).toContain('予以确认')
    expect(await progress(a)).not.toContain('准予许可')
    const granted = await decided(a.id)
    expect(granted.body).toContain('已办结：予以确认')
    expect(granted.body).not.toContain('建议从快')
    expect(granted.params).toMatchObject({ note: '予以确认' })

    const b = await open(injury)
    await toDecision(b.id)
    // the refusal's reasons are asked for in the same words
    const blank = await act(w.approver.client, b.id, 'deny', {})
    expect(blank.statusCode).toBe(400)
    expect(JSON.stringify(blank.json())).toContain('请写明不予确认的理由')
    expect((await act(w.approver.client, b.id, 'deny', { reasons: '不属于工作时间和工作场所内因工作原因受到的伤害' })).statusCode).toBe(200)
    const d = await detail(w.approver.client, b.id)
    expect(d.decision).toMatchObject({ outcome: 'denied', wording: '不予确认' })
    expect(d.notice).toMatchObject({ outcomeWording: '予以确认', denialWording: '不予确认' })
    expect(d.documents.map((x: { docType: string }) => x.docType)).toEqual(['accept', 'denial'])
    expect(await progress(b)).toContain('不予确认：不属于工作时间和工作场所内因工作原因受到的伤害')
    expect((await decided(b.id)).body).toContain('已办结：不予确认，理由：不属于工作时间')
    // a plain 办结 (公共服务) tells its result, not 已办结：已办结
    const service = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'promised', offeredAt: [w.tree.district.id], promisedDays: 5, legalDays: 5, itemType: '公共服务' })
    const s = await open(service)
    await toDecision(s.id)
    await act(w.approver.client, s.id, 'approve', { note: '同意' })
    expect((await decided(s.id)).body).toContain('已办结：办理结果为许可证')
    expect(await progress(s)).toContain('已办结')
    // a licence keeps its own words
    const p = await open(five)
    await toDecision(p.id)
    await act(w.approver.client, p.id, 'deny', { reasons: '材料虚假' })
    expect((await detail(w.approver.client, p.id)).notice.denialWording).toBe('不予许可')
    expect(await progress(p)).toContain('不予许可：材料虚假')
  })
  it('a denial issues a 不予许可决定书 with its own 文号, numbered without gaps per department, type and year', async () => {
    const before = await t.db.selectFrom('document_counters').select('last').where('department_id', '=', w.departments.lead)
      .where('doc_type', '=', 'denial').where('year', '=', 2025).executeTakeFirst()
    const n = (before?.last ?? 0) + 1
    const c = await open(five)
    await toDecision(c.id)
    await act(w.approver.client, c.id, 'deny', { reasons: '材料虚假' })
    const docs = (await detail(w.approver.client, c.id)).documents
    expect(docs.map((x: { docType: string }) => x.docType)).toEqual(['accept', 'denial'])
    expect(docs[1].docNumber).toBe(`经改不许〔2025〕${n}号`)
    // a refused action (stale version) writes no event and takes no number
    expect((await act(w.approver.client, c.id, 'deny', { reasons: 'x' })).statusCode).toBe(409)
    const after = await t.db.selectFrom('document_counters').select('last').where('department_id', '=', w.departments.lead)
      .where('doc_type', '=', 'denial').where('year', '=', 2025).executeTakeFirstOrThrow()
    expect(after.last).toBe(n)
  })
})

describe('5. extensions approved by the deciding department\'s head (行政许可法 §42)', () => {
  it('extend by a center manager → 403; by another department\'s head → 403; by the department head → 200', async () => {
    const c = await open(w.items.promised) // promised 10, legal 20, §42 +10
    expect((await act(w.manager.client, c.id, 'extend', { days: 12, reason: '需专家评审' })).statusCode).toBe(403)
    expect((await act(w.co1Head.client, c.id, 'extend', { days: 12, reason: '需专家评审' })).statusCode).toBe(403)
    expect((await detail(w.co1Head.client, c.id)).allowedActions).not.toContain('extend')
    expect((await detail(w.head.client, c.id)).allowedActions).toContain('extend')
    expect((await act(w.manager.client, c.id, 'request_extension', { days: 12, reason: '需专家评审' })).statusCode).toBe(200)
    const ok = await act(w.head.client, c.id, 'extend', { days: 12, reason: '需专家评审' })
    expect(ok.statusCode, ok.body).toBe(200)
    // 22 working days: past the legal 20, so the extended legal date is set; the legal date itself never changes
    expect(ok.json()).toMatchObject({ legalDueDate: '2025-04-30', extendedLegalDueDate: '2025-05-07', dueDate: '2025-05-07', extendedDays: 12 })
    const ev = await t.db.selectFrom('case_events').select(['actor_id', 'note', 'data']).where('case_id', '=', c.id).where('action', '=', 'extend').executeTakeFirstOrThrow()
    expect(ev.actor_id).toBe(w.head.id)
    expect(ev.note).toContain('行政许可法第四十二条')
    expect(ev.data).toMatchObject({ pastLegal: true, approvedBy: w.head.id, reason: '需专家评审' })
    const docs = (await detail(w.head.client, c.id)).documents
    expect(docs.at(-1)).toMatchObject({ docType: 'extension' })
  })
})

describe('6. a special procedure (§45) is told to the applicant in writing and by message', () => {
  it('suspend for a hearing: a 特别程序告知书 with its 文号 and a queued message naming the expected time', async () => {
    const c = await open(five)
    const res = await act(w.approver.client, c.id, 'suspend', { kind: 'hearing', reason: '依申请举行听证', days: 20 })
    expect(res.statusCode, res.body).toBe(200)
    const d = await detail(w.approver.client, c.id)
    expect(d.documents.at(-1)).toMatchObject({ docType: 'special' })
    expect(d.documents.at(-1).docNumber).toMatch(/^经改特〔2025〕\d+号$/)
    const m = await t.db.selectFrom('messages').select(['template_key', 'body', 'params']).where('case_id', '=', c.id).where('template_key', '=', 'special').executeTakeFirstOrThrow()
    expect(m.body).toContain('预计所需时间 20 日')
    // a provider sends the filed 特别程序告知 template with these variables (message-kinds.ts)
    expect(m.params).toMatchObject({ number: c.number })
    expect(String((m.params as { note: string }).note)).toContain('预计所需时间 20 日')
    expect((await act(w.approver.client, c.id, 'suspend', { kind: 'auction', reason: 'x' })).statusCode).toBe(409) // already paused
  })
})

describe('7. the one-time notice names what is wrong with a material handed in', () => {
  it('an unsigned application form: correction naming the form and its defect with the missing ones; supplied, accepted', async () => {
    const [form, id] = five.materials
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, five, {
      materials: [{ materialId: form, received: true, problem: '未签名（不符合法定形式）' }, { materialId: id, received: false }],
    }))
    expect(res.statusCode, res.body).toBe(201)
    const c = res.json()
    expect(c.status).toBe('correction')
    expect(c.missing).toEqual([
      { materialId: form, name: '申请表', problem: '未签名（不符合法定形式）' },
      { materialId: id, name: '身份证复印件', problem: null },
    ])
    const d = await detail(w.clerk.client, c.id)
    expect(d.events[0].note).toBe('一次性告知：申请表（未签名（不符合法定形式））、身份证复印件')
    expect(d.documents.map((x: { docType: string }) => x.docType)).toEqual(['correction'])
    const ok = await act(w.clerk.client, c.id, 'supplement', { materials: [{ materialId: form, received: true }, { materialId: id, received: true }] })
    expect(ok.json()).toMatchObject({ status: 'accepted' })
    expect((await detail(w.clerk.client, c.id)).materials.find((m: { materialId: number }) => m.materialId === form)).toMatchObject({ received: true, problem: null })
  })
})

describe('8. a year without the State Council notice is provisional, and says so', () => {
  it('2026-12-07 + 19 working days: 2027-01-04 (元旦 not a working day), provisional on the case and the deadline API', async () => {
    await t.db.insertInto('calendar_years').values({ year: 2026, confirmed: true, source: 'admin' }).onConflict((oc) => oc.column('year').doNothing()).execute()
    clock.set('2026-12-07T09:00:00+08:00')
    try {
      const item = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'promised', offeredAt: [w.tree.district.id], promisedDays: 19, legalDays: 19 })
      const c = await open(item)
      expect(c).toMatchObject({ dueDate: '2027-01-04', legalDueDate: '2027-01-04', provisional: true })
      const dl = (await t.app.inject({ method: 'GET', url: '/api/calendar/deadline?from=2026-12-07&days=19' })).json()
      expect(dl).toEqual({ due: '2027-01-04', confirmed: false, unconfirmedYears: [2027], provisional: true })
      const year = (await t.app.inject({ method: 'GET', url: '/api/calendar/days?year=2027' })).json()
      expect(year.confirmed).toBe(false)
      expect(year.days).toContainEqual({ date: '2027-01-01', workday: false, name: '元旦', source: 'provisional' })
      expect(year.days).toContainEqual({ date: '2027-02-09', workday: false, name: '春节补休', source: 'provisional' })
      const before = (await t.app.inject({ method: 'GET', url: '/api/calendar/deadline?from=2026-03-02&days=5' })).json()
      expect(before.provisional).toBe(false)

      // The administrator enters the State Council's notice for 2027: a paste error (261 working days) → 400, nothing written.
      const adminUser = await makeAdmin()
      const bad = await adminUser.post('/api/calendar/years/2027/notice', { days: [{ date: '2027-01-02', workday: false, name: '元旦' }] })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().error.details).toEqual([expect.objectContaining({ field: 'body.days' })])
      expect(await t.db.selectFrom('calendar_years').select('confirmed').where('year', '=', 2027).executeTakeFirst()).toBeUndefined()
      // and the other paste error: every weekday of January to March off leaves fewer than 200 working days → 400
      const quarter = Array.from({ length: 90 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)))
        .filter((d) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6).map((d) => ({ date: d.toISOString().slice(0, 10), workday: false, name: '误' }))
      const few = await adminUser.post('/api/calendar/years/2027/notice', { days: quarter })
      expect(few.statusCode).toBe(400)
      expect(few.json().error.details).toEqual([expect.objectContaining({ field: 'body.days' })])
      expect(await t.db.selectFrom('calendar_days').select('day').where('day', '>=', '2027-01-01').where('source', '=', 'admin').execute()).toEqual([])
      // The notice as entered: the provisional days, and (say) 2027-01-04 off too: the case moves to 01-05, with an event and a message.
      const listed = (await t.app.inject({ method: 'GET', url: '/api/calendar/days?year=2027' })).json()
      const days = [...listed.days.map((d: { date: string; workday: boolean; name: string }) => ({ date: d.date, workday: d.workday, name: d.name })),
        { date: '2027-01-04', workday: false, name: '元旦' }]
      const ok = await adminUser.post('/api/calendar/years/2027/notice', { days })
      expect(ok.statusCode, ok.body).toBe(200)
      expect(ok.json()).toMatchObject({ year: 2027, confirmed: true, changedCases: 1 })
      const after = (await detail(w.clerk.client, c.id))
      expect(after).toMatchObject({ dueDate: '2027-01-05', legalDueDate: '2027-01-05', provisional: false })
      expect(after.events.at(-1)).toMatchObject({ action: 'recalculate' })
      expect(after.events.at(-1).note).toContain('由 2027-01-04 调整为 2027-01-05')
      const m = await t.db.selectFrom('messages').select('body').where('case_id', '=', c.id).where('template_key', '=', 'recalculated').executeTakeFirstOrThrow()
      expect(m.body).toContain('2027-01-05')
      expect((await t.app.inject({ method: 'GET', url: '/api/calendar/days?year=2027' })).json()).toMatchObject({ confirmed: true })
      // confirming twice → 409
      expect((await adminUser.post('/api/calendar/years/2027/notice', { days })).statusCode).toBe(409)
    } finally { clock.set('2025-04-02T09:00:00+08:00') }
  })
})

async function makeAdmin() {
  const u = await makeUser(t.db, { roles: ['admin'], centerId: w.tree.district.id })
  return t.login(u.username, u.password)
}
