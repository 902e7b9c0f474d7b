// Exchange, second part: every rating goes to the province with its provenance — a case's, a served hall ticket's and
// a consultation's — its 追评 as an update and its withdrawal after review (set aside) as a deletion record (D), through
// HTTP push and the staging tables alike; the province's own 统一申办流水号 given at 受理 by its rule, beside Yizhan's
// number for life, and found by the progress page.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { creditCheckChar } from '../../src/domain/credit-code.js'
import { mappingFrom } from '../../src/domain/exchange-mapping.js'
import { provinceNoRule } from '../../src/features/exchange/exchange.config.js'
import { pushAdapter } from '../../src/features/exchange/push.js'
import { sendDue } from '../../src/features/exchange/sender.js'
import { stagingAdapter } from '../../src/features/exchange/staging.js'
import { writeProvinceNumberRule } from '../../src/features/exchange/start.js'
import { createTestApp, makeUser, type Client, type TestApp } from '../helpers/app.js'
import { intakeBody, makeCaseWorld, type CaseWorld } from '../helpers/cases.js'
import { startProvinceStandin } from '../helpers/province-standin.js'

let t: TestApp
let w: CaseWorld
let supervisor: Client
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday
const credit = (n: number) => { const f = `1142070200${String(n).padStart(7, '0')}`; return f + creditCheckChar(f) }
let applicants = 0
const post = (url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, payload, remoteAddress: `10.81.0.${++applicants % 250}` })
const svc: Record<string, { id: number; number: string; queryCode?: string }> = {}

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeCaseWorld(t)
  await t.db.updateTable('centers').set({ area_code: '420702' }).where('id', '=', w.tree.district.id).execute()
  for (const d of await t.db.selectFrom('departments').select('id').execute()) await t.db.updateTable('departments').set({ credit_code: credit(d.id) }).where('id', '=', d.id).execute()
  const s = await makeUser(t.db, { roles: ['supervisor'], centerId: w.tree.district.id })
  supervisor = await t.login(s.username, s.password)
})
afterAll(() => t.close())

describe('the province\'s numbering rule', () => {
  it('a wrong rule stops the start; the number is given at 受理, kept beside Yizhan\'s and found by the progress page', async () => {
    expect(() => provinceNoRule('{area}{month}{seq:6}')).toThrow(/未知占位符 \{month\}/)
    expect(() => provinceNoRule('{area}{date}')).toThrow(/\{seq:N\}/)
    expect(() => provinceNoRule('{area} {seq:6}')).toThrow(/只能含/)
    await writeProvinceNumberRule(t.db, provinceNoRule('{area6}YZ{date}{seq:6}'))
    const a = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
    const b = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
    const nos = await t.db.selectFrom('cases').select(['number', 'province_number']).where('id', 'in', [a.id, b.id]).orderBy('id').execute()
    expect(nos).toEqual([{ number: a.number, province_number: '420702YZ20260302000001' }, { number: b.number, province_number: '420702YZ20260302000002' }])
    const head = await t.db.selectFrom('exchange_records').select('payload').where('case_id', '=', a.id).where('stage', '=', 'accept').executeTakeFirstOrThrow()
    expect(head.payload).toMatchObject({ project_no: a.number, province_no: '420702YZ20260302000001' })
    // the citizen types the number the provincial portal shows
    const p = await t.app.inject({ url: `/api/public/progress?number=420702YZ20260302000002&code=${b.queryCode}` })
    expect(p.statusCode, p.body).toBe(200)
    expect(p.json().number).toBe(b.number)
    expect((await t.app.inject({ url: `/api/public/progress?number=420702YZ20260302000002&code=ZZZZZZ` })).statusCode).toBe(404)
    await writeProvinceNumberRule(t.db, undefined)
    const c = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
    expect((await t.db.selectFrom('cases').select('province_number').where('id', '=', c.id).executeTakeFirstOrThrow()).province_number).toBe(null)
  })
})

describe('every rating to the province', () => {
  beforeAll(async () => {
    // a case closed at the window, rated on the pad
    svc.case = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.immediate, { complete: true }))).json()
    expect((await post('/api/public/ratings', { number: svc.case.number, code: svc.case.queryCode!, score: 5, source: 'pad' })).statusCode).toBe(201)
    // a served hall ticket, rated from its slip
    const cat = (await w.manager.client.post('/api/hall/categories', { centerId: w.tree.district.id, prefix: 'Q', name: '综合受理' })).json().id
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/tickets', payload: { centerId: w.tree.district.id, categoryId: cat } })).json()
    expect((await w.clerk.client.post(`/api/windows/${w.windowId}/call-next`)).json().ticket.id).toBe(ticket.id)
    await w.clerk.client.post(`/api/tickets/${ticket.id}/actions/start`)
    expect((await w.clerk.client.post(`/api/tickets/${ticket.id}/actions/finish`)).statusCode).toBe(200)
    expect((await post(`/api/public/tickets/${ticket.id}/rating`, { token: ticket.token, score: 4 })).statusCode).toBe(201)
    svc.ticket = ticket
    // a consultation, rated badly, its 追评, then set aside after review (申请人误评)
    const q = (await w.clerk.client.post('/api/consultations', { itemId: w.items.promised.id, topic: '开办餐饮店需要哪些材料' })).json()
    const bad = await post('/api/public/ratings', { number: q.number, code: q.queryCode, score: 1, comment: '没讲清楚' })
    expect(bad.statusCode, bad.body).toBe(201)
    clock.set('2026-03-03T10:00:00+08:00')
    expect((await post('/api/public/ratings/followup', { number: q.number, code: q.queryCode, comment: '后来打电话也没人接' })).statusCode).toBe(201)
    clock.set('2026-03-04T10:00:00+08:00')
    const f = bad.json().followupId
    expect((await w.manager.client.post(`/api/ratings/followups/${f}/actions/request_review`, { note: '申请人误评，已核实' })).statusCode).toBe(200)
    expect((await supervisor.post(`/api/ratings/followups/${f}/actions/set_aside`, { note: '复核属实，不计入满意度' })).statusCode).toBe(200)
    svc.consultation = q
  })

  it('the log: a record per rating with its object, channel and provenance; 追评 an update, the set-aside a deletion', async () => {
    const rs = await t.db.selectFrom('exchange_records').select(['case_id', 'operation', 'version', 'payload', 'occurred_at']).where('stage', '=', 'rating').orderBy('id').execute()
    const of = (no: string) => rs.filter((r) => r.payload.project_no === no)
    expect(of(svc.case.number)).toEqual([expect.objectContaining({ case_id: svc.case.id, operation: 'I', payload: expect.objectContaining({ evaluate_object: 'case', evaluate_channel: 'pad', evaluate_provenance: 'window_pad', evaluate_level: 5 }) })])
    const ticketNo = rs.find((r) => r.payload.evaluate_object === 'ticket')!.payload.project_no as string
    expect(ticketNo).toMatch(new RegExp(`^T.+20260302${svc.ticket.number}$`))
    expect(of(ticketNo)).toEqual([expect.objectContaining({ case_id: null, operation: 'I', payload: expect.objectContaining({ evaluate_channel: 'ticket', evaluate_provenance: 'ticket_page', area_code: '420702000000', evaluate_level: 4 }) })])
    const q = of(svc.consultation.number)
    expect(q.map((r) => [r.operation, r.version])).toEqual([['I', 1], ['U', 2], ['D', 3]])
    expect(q[1].payload).toMatchObject({ evaluate_object: 'consultation', evaluate_addendum: '后来打电话也没人接', task_code: expect.any(String), org_code: expect.any(String) })
    expect(q[2].occurred_at.toISOString()).toBe('2026-03-04T02:00:00.000Z') // when the review set it aside
    // staff can never submit a rating: there is no staff route, and a ticket not yet served cannot be rated
    expect((await w.clerk.client.post('/api/ratings', { number: svc.case.number, score: 5 })).statusCode).toBe(404)
  })

  it('HTTP push (电子监察 XML): each rating arrives with its provenance, the withdrawal as CZLX D after its insert and update', async () => {
    const mapping = mappingFrom({ builtin: 'dzjc' })
    const p = await startProvinceStandin({ mapping })
    try {
      await sendDue(t.db, pushAdapter({ url: p.url, mapping, dataSource: 'YIZHAN', batchSize: 10 }), clock)
      expect(p.refused).toEqual([])
      const ratings = p.received.filter((r) => r.table === 'UP_PRO_EVALUATION')
      const ticket = ratings.find((r) => r.national.evaluate_object === '2')!
      expect(ticket.fields).toMatchObject({ PJDX: '2', PJQD: '3', PJLY: 'qrcode', PJDJ: '4', XZQHDM: '420702000000' })
      const q = ratings.filter((r) => r.national.project_no === svc.consultation.number)
      expect(q.map((r) => [r.operation, r.version])).toEqual([['I', '1'], ['U', '2'], ['D', '3']])
      expect(q[1].fields.ZPNR).toBe('后来打电话也没人接')
      expect(ratings.find((r) => r.national.project_no === svc.case.number)!.fields).toMatchObject({ PJDX: '1', PJQD: '2', PJLY: 'pad' })
      const left = await t.db.selectFrom('exchange_records').select('id').where('status', '<>', 'acked').execute()
      expect(left).toEqual([])
    } finally { await p.close() }
  })

  it('staging tables: the same rows in UP_PRO_EVALUATION, the withdrawal with cd_operation D, taken by the province\'s job', async () => {
    await sql`update exchange_records set status = 'pending', attempts = 0, next_attempt_at = '2026-01-01' where stage = 'rating'`.execute(t.db)
    const p = await startProvinceStandin({ mapping: mappingFrom({ builtin: 'national' }) })
    const adapter = stagingAdapter({ db: t.db, schema: 'exchange_staging', dataSource: 'YIZHAN' })
    try {
      await sendDue(t.db, adapter, clock)
      await p.readStaging(t.testDb.url, 'exchange_staging')
      await adapter.pollAcks!(t.db)
      expect(p.refused).toEqual([])
      const rows = (await sql<Record<string, string>>`select cd_operation, version, project_no, evaluate_object, evaluate_channel, evaluate_provenance, received
        from exchange_staging.up_pro_evaluation where project_no = ${svc.consultation.number} order by version`.execute(t.db)).rows
      expect(rows).toEqual([
        expect.objectContaining({ cd_operation: 'I', evaluate_object: '3', evaluate_provenance: 'web', received: 1 }),
        expect.objectContaining({ cd_operation: 'U', received: 1 }),
        expect.objectContaining({ cd_operation: 'D', received: 1 }),
      ])
      expect(p.received.filter((r) => r.table === 'UP_PRO_EVALUATION')).toHaveLength(5)
      const rep = (await supervisor.get('/api/exchange/reconciliation?day=2026-03-04')).json()
      expect(rep.totals).toMatchObject({ created: 1, acknowledged: 1, refused: 0, pending: 0 })
    } finally { await p.close(); await adapter.close() }
  })
})
