// Exchange with the province: every stage of a case (受理, 补正, 不予受理, each step, 特别程序, 上报 across levels,
// 办结, 送达/领取) and a rating written to the log in the event's transaction, then arriving at the stand-in province
// through the staging tables and through HTTP push in both vocabularies, with the fields and codes it expects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { migrateDown, migrateToLatest } from '../../src/db/migrate.js'
import { SettableClock } from '../../src/domain/clock.js'
import { creditCheckChar } from '../../src/domain/credit-code.js'
import { mappingFrom } from '../../src/domain/exchange-mapping.js'
import { sendDue } from '../../src/features/exchange/sender.js'
import { pushAdapter } from '../../src/features/exchange/push.js'
import { stagingAdapter } from '../../src/features/exchange/staging.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { intakeBody } from '../helpers/cases.js'
import { makeLevelsWorld, type LevelsWorld } from '../helpers/levels.js'
import { startProvinceStandin } from '../helpers/province-standin.js'

let t: TestApp
let w: LevelsWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday
const credit = (n: number) => { const f = `1142070200${String(n).padStart(7, '0')}`; return f + creditCheckChar(f) }
const cases: Record<string, { id: number; number: string; queryCode: string }> = {}

const act = async (c: Client, id: number, action: string, body: Record<string, unknown> = {}) => {
  const res = await c.post(`/api/cases/${id}/actions/${action}`, body)
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
  return res.json()
}
const records = (caseId: number) => t.db.selectFrom('exchange_records').select(['stage', 'seq', 'operation', 'version', 'payload', 'event_id'])
  .where('case_id', '=', caseId).orderBy('id').execute()

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeLevelsWorld(t)
  await t.db.updateTable('centers').set({ area_code: '420702000000' }).where('id', '=', w.tree.district.id).execute()
  await t.db.updateTable('centers').set({ area_code: '420702100000' }).where('id', '=', w.tree.townA.id).execute()
  const deps = await t.db.selectFrom('departments').select('id').execute()
  for (const d of deps) await t.db.updateTable('departments').set({ credit_code: credit(d.id) }).where('id', '=', d.id).execute()

  const open = async (c: Client, item: { id: number; materials: number[] }, over: Record<string, unknown> = {}) => {
    const res = await c.post('/api/cases', intakeBody(w, item, over))
    expect(res.statusCode, res.body).toBe(201)
    return res.json()
  }
  // 承诺件: 受理 → 承办 → 审核 → 听证 (特别程序) → 批准 → 送达 → 领取 → 评价
  cases.promised = await open(w.clerk.client, w.items.promised)
  await act(w.approver.client, cases.promised.id, 'advance', { opinion: '材料齐全' })
  await act(w.reviewer.client, cases.promised.id, 'advance', { opinion: '审核通过' })
  await act(w.approver.client, cases.promised.id, 'suspend', { kind: 'hearing', reason: '申请人要求听证', days: 5 })
  clock.set('2026-03-04T10:00:00+08:00')
  await act(w.approver.client, cases.promised.id, 'resume', { note: '听证结束' })
  await act(w.approver.client, cases.promised.id, 'approve', { note: '准予' })
  await act(w.clerk.client, cases.promised.id, 'deliver', { method: 'pickup', centerId: w.tree.district.id })
  await act(w.clerk.client, cases.promised.id, 'pickup')
  const rated = await t.app.inject({ method: 'POST', url: '/api/public/ratings', payload: { number: cases.promised.number, code: cases.promised.queryCode, score: 5, source: 'pad' } })
  expect(rated.statusCode, rated.body).toBe(201)
  // 补正: a missing material at the window, then handed in
  const [m1, m2, m3] = w.items.promised.materials
  cases.correction = await open(w.clerk.client, w.items.promised, { materials: [{ materialId: m1, received: true }, { materialId: m2, received: false }, { materialId: m3, received: false }] })
  expect((await t.db.selectFrom('cases').select('status').where('id', '=', cases.correction.id).executeTakeFirstOrThrow()).status).toBe('correction')
  await act(w.clerk.client, cases.correction.id, 'supplement', { materials: [{ materialId: m2, received: true }] })
  // 不予受理 at the window
  cases.refused = await open(w.clerk.client, w.items.promised, { refuse: { reason: '不属于本机关职权范围' } })
  // 上报: accepted at the town, forwarded to the district, received, decided
  cases.forward = await open(w.townAClerk.client, w.forwardItem, { centerId: w.tree.townA.id })
  await act(w.townAClerk.client, cases.forward.id, 'forward', { opinion: '初审同意，报区审批' })
  await act(w.approver.client, cases.forward.id, 'receive')
  await act(w.reviewer.client, cases.forward.id, 'advance', { opinion: '审核通过' })
  await act(w.approver.client, cases.forward.id, 'approve', { note: '准予' })
})
afterAll(() => t.close())

describe('the exchange log', () => {
  it('writes a record per reportable event in the event transaction, keyed by case, stage and seq; later ones are updates', async () => {
    const r = await records(cases.promised.id)
    const keys = r.map((x) => `${x.stage}:${x.seq}:${x.operation}`)
    expect(keys.slice(0, 5).sort()).toEqual(['accept:0:I', 'material:1:I', 'material:2:I', 'material:3:I', 'process:1:I'])
    expect(keys).toContain('process:1:U') // 承办 ended
    expect(keys).toContain('process:3:I') // 批准 began
    expect(keys.filter((k) => k.startsWith('special:'))).toEqual([expect.stringMatching(/special:\d+:I/), expect.stringMatching(/special:\d+:U/)])
    expect(keys.filter((k) => k.startsWith('result:'))).toEqual(['result:0:I', 'result:0:U', 'result:0:U'])
    expect(keys.at(-1)).toBe('rating:0:I')
    const accept = r.find((x) => x.stage === 'accept')!.payload
    expect(accept).toMatchObject({ project_no: cases.promised.number, task_version: 1, area_code: '420702000000', accept_state: 'accepted', applicant_name: '张三' })
    expect(accept.org_code).toMatch(/^[0-9A-Z]{18}$/)
    expect(accept.accept_doc_no).toMatch(/受〔2026〕\d+号$/)
    const result = r.filter((x) => x.stage === 'result')
    expect(result.map((x) => x.version)).toEqual([1, 2, 3])
    expect(result[2].payload).toMatchObject({ result_code: 'approved', delivery_type: 'pickup' })
    expect(result[2].payload.pickup_time).toBeTruthy()
    expect(r.find((x) => x.stage === 'rating')!.payload).toMatchObject({ evaluate_level: 5, evaluate_channel: 'pad', evaluate_provenance: 'window_pad' })
    // every record of an event was written with it
    const events = await t.db.selectFrom('case_events').select(['id', 'action']).where('case_id', '=', cases.promised.id).execute()
    expect(r.filter((x) => x.event_id !== null).every((x) => events.some((e) => e.id === x.event_id))).toBe(true)
  })

  it('補正, 不予受理 and 上报 have their records', async () => {
    const c = (await records(cases.correction.id)).map((x) => `${x.stage}:${x.seq}:${x.operation}`)
    expect(c[0]).toBe('correction_notice:1:I')
    expect(c).toContain('correction_accept:1:I')
    expect(c).toContain('accept:0:I')
    const r = await records(cases.refused.id)
    expect(r.map((x) => x.stage)).toEqual(['accept'])
    expect(r[0].payload).toMatchObject({ accept_state: 'refused', refuse_reason: '不属于本机关职权范围' })
    const f = await records(cases.forward.id)
    const fwd = f.filter((x) => x.stage === 'process' && x.payload.node_name === 'forward')
    expect(fwd.map((x) => x.operation)).toEqual(['I', 'U'])
    expect(f.find((x) => x.stage === 'accept')!.payload.area_code).toBe('420702100000') // the town accepted it
  })
})

describe('HTTP push to the stand-in province', () => {
  it('national layout (JSON): every record arrives once with its fields; failures retried first; exists counts as success', async () => {
    const mapping = mappingFrom({ builtin: 'national' })
    const p = await startProvinceStandin({ mapping, token: 'tok-1234567890', answers: ['ok', 'throttled'], assignProvinceNo: true })
    try {
      const adapter = pushAdapter({ url: p.url, mapping, token: 'tok-1234567890', dataSource: 'YIZHAN-TEST' })
      await sendDue(t.db, adapter, clock)
      // the second request was throttled: nothing more is started and the rest waits for the backoff
      const throttled = await t.db.selectFrom('exchange_records').select(['status', 'attempts', 'last_error']).where('attempts', '>', 0).where('status', '=', 'pending').execute()
      expect(throttled).toEqual([{ status: 'pending', attempts: 1, last_error: expect.stringContaining('throttled') }])
      expect(p.received.length).toBeLessThan(8)
      clock.set('2026-03-04T10:10:00+08:00')
      await sendDue(t.db, adapter, clock)
      const all = await t.db.selectFrom('exchange_records').select(['row_guid', 'status', 'attempts', 'stage', 'case_id', 'next_attempt_at', 'last_error']).execute()
      expect(all.filter((r) => r.status !== 'acked')).toEqual([])
      expect(new Set(p.received.map((r) => r.rowGuid)).size).toBe(all.length)
      expect(p.refused).toEqual([])
      const accept = p.received.find((r) => r.table === 'UP_PRO_ACCEPT' && r.national.project_no === cases.promised.number)!
      expect(accept.fields).toMatchObject({ task_code: expect.any(String), catalog_code: expect.any(String), area_code: '420702000000', accept_state: '1', cert_type: '111' })
      expect(accept.fields.apply_time).toMatch(/^2026-03-02 09:00:00$/) // the true time, China local
      // the province's 统一申办流水号 is kept on the case
      const k = await t.db.selectFrom('cases').select('province_number').where('id', '=', cases.promised.id).executeTakeFirstOrThrow()
      expect(k.province_number).toMatch(/^420702000000\d{12}$/)
      const rating = p.received.find((r) => r.table === 'UP_PRO_EVALUATION')!
      expect(rating.fields).toMatchObject({ evaluate_level: '5', evaluate_channel: '2', evaluate_provenance: 'pad' })
      // every request and reply is logged, ID numbers masked
      // sent again (a sender killed after the province took it): "already exists" acknowledges it, nothing twice
      await sql`update exchange_records set status = 'pending' where stage = 'rating'`.execute(t.db)
      await sendDue(t.db, adapter, clock)
      expect(p.duplicates).toHaveLength(1)
      expect((await t.db.selectFrom('exchange_records').select('status').where('stage', '=', 'rating').executeTakeFirstOrThrow()).status).toBe('acked')
      const attempts = await t.db.selectFrom('exchange_attempts').select(['outcome', 'request', 'reply']).execute()
      expect(attempts.map((a) => a.outcome)).toContain('exists')
      expect(attempts.map((a) => a.outcome)).toContain('throttled')
      expect(attempts.some((a) => /\d{17}[\dX]/.test(a.request))).toBe(false)
    } finally { await p.close() }
  })

  it('电子监察 vocabulary (XML, HMAC, SM4): the same records in SBLSH/SXBM/XZQHDM with the province codes', async () => {
    await sql`update exchange_records set status = 'pending', attempts = 0, next_attempt_at = '2026-01-01'`.execute(t.db)
    const mapping = mappingFrom({ builtin: 'dzjc' })
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex')
    const p = await startProvinceStandin({ mapping, token: 'tok-dzjc-000000', hmacKey: 'hmac-secret', sm4Key: key })
    try {
      await sendDue(t.db, pushAdapter({ url: p.url, mapping, token: 'tok-dzjc-000000', hmacKey: 'hmac-secret', sm4Key: key, dataSource: 'YIZHAN' }), clock)
      expect(p.refused).toEqual([])
      const approved = p.received.find((r) => r.table === 'UP_PRO_RESULT' && r.national.project_no === cases.promised.number && r.version === '1')!
      expect(approved.fields).toMatchObject({ SBLSH_SHORT: cases.promised.number, XZQHDM: '420702000000', BJJGDM: '6' })
      expect(approved.fields.SXBM).toBeTruthy()
      const notice = p.received.find((r) => r.national.node_name === '补正告知')!
      expect(notice.fields.HJMC).toBe('补正告知')
      const update = p.received.find((r) => r.table === 'UP_PRO_RESULT' && r.version === '3')!
      expect(update.operation).toBe('U')
    } finally { await p.close() }
  })

  it('several records a request (XML, SM4): a case\'s records in order, the province\'s partial refusal refuses only that record', async () => {
    await sql`update exchange_records set status = 'pending', attempts = 0, next_attempt_at = '2026-01-01'`.execute(t.db)
    const mapping = mappingFrom({ builtin: 'dzjc' })
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex')
    // the second record of the first request is refused; the rest of that request is taken
    const p = await startProvinceStandin({ mapping, sm4Key: key, answers: ['ok', 'refuse'] })
    try {
      await sendDue(t.db, pushAdapter({ url: p.url, mapping, sm4Key: key, dataSource: 'YIZHAN', batchSize: 4 }), clock)
      const all = await t.db.selectFrom('exchange_records').select(['id', 'row_guid', 'status', 'refused_reason']).orderBy('id').execute()
      expect(p.batches).toBeGreaterThan(0)
      expect(p.requests).toBeLessThan(all.length / 2)
      const refused = all.filter((r) => r.status === 'refused')
      expect(refused).toEqual([expect.objectContaining({ refused_reason: expect.stringContaining('省平台拒收 (scripted)') })])
      expect(p.refused.map((r) => r.rowGuid)).toEqual([refused[0].row_guid])
      expect(all.filter((r) => r.status === 'acked').map((r) => r.row_guid).sort()).toEqual(p.received.map((r) => r.rowGuid).sort())
      expect(all.length).toBe(p.received.length + 1)
      // the refused record's log names its own result; the others of its request were acknowledged
      const attempts = await t.db.selectFrom('exchange_attempts').select(['outcome', 'request', 'reply']).where('record_id', '=', refused[0].id).orderBy('id', 'desc').execute()
      expect(attempts[0]).toMatchObject({ outcome: 'refused', request: expect.stringContaining('records a request'), reply: expect.stringContaining('2001') })
      // within a request a case's 受理 goes before its other records
      const order = p.received.filter((r) => r.national.project_no === cases.forward.number).map((r) => r.table)
      expect(order[0]).toBe('UP_PRO_ACCEPT')
    } finally { await p.close() }
  })
})

describe('staging tables (前置库) read by the stand-in province', () => {
  it('writes the UP_PRO_* rows with their sync columns; the province job sets received; a refusal stays with its reason', async () => {
    await sql`update exchange_records set status = 'pending', attempts = 0, next_attempt_at = '2026-01-01'`.execute(t.db)
    // one department without its code: its records are refused by the province and stay visible with the reason
    const mapping = mappingFrom({ builtin: 'national' })
    const p = await startProvinceStandin({ mapping })
    const adapter = stagingAdapter({ db: t.db, schema: 'exchange_staging', dataSource: 'YIZHAN' })
    try {
      await sendDue(t.db, adapter, clock)
      const counts = await sql<{ status: string; n: number }>`select status, count(*)::int as n from exchange_records group by status`.execute(t.db)
      expect(counts.rows).toEqual([{ status: 'sent', n: expect.any(Number) }])
      p.script('refuse')
      await p.readStaging(t.testDb.url, 'exchange_staging')
      await adapter.pollAcks!(t.db)
      const refused = await t.db.selectFrom('exchange_records').select(['refused_reason', 'row_guid']).where('status', '=', 'refused').execute()
      expect(refused).toHaveLength(1)
      expect(refused[0].refused_reason).toContain('拒收')
      const acked = await t.db.selectFrom('exchange_records').select('row_guid').where('status', '=', 'acked').execute()
      expect(acked.length + 1).toBe(p.received.length + p.refused.length)
      const row = (await sql<Record<string, string>>`select * from exchange_staging.up_pro_accept where project_no = ${cases.refused.number}`.execute(t.db)).rows[0]
      // the scripted refusal falls on whichever row the province's job reads first (rows of one batch share cd_time)
      const refusedHere = row.row_guid === refused[0].row_guid
      expect(row).toMatchObject({ cd_operation: 'I', data_source: 'YIZHAN', accept_state: '0', refuse_reason: '不属于本机关职权范围', received: refusedHere ? 2 : 1 })
      expect(row.cd_batch).toBeTruthy()
      const refusedRow = (await sql<Record<string, unknown>>`select received, received_note from exchange_staging.up_pro_accept where row_guid = ${refused[0].row_guid}::uuid
        union all select received, received_note from exchange_staging.up_pro_process where row_guid = ${refused[0].row_guid}::uuid
        union all select received, received_note from exchange_staging.up_pro_result where row_guid = ${refused[0].row_guid}::uuid`.execute(t.db)).rows
      expect(refusedRow).toEqual([{ received: 2, received_note: expect.stringContaining('拒收') }])
    } finally { await p.close(); await adapter.close() }
  })
})

describe('migrations 0170 and 0171', () => {
  it('down and up again', async () => {
    const m = await createTestApp({ clock })
    try {
      // later migrations (other features') are reverted first
      let down = await migrateDown(m.db)
      while (down.results?.[0]?.migrationName !== '0171_exchange_ratings_numbers') {
        expect(down.results?.[0]).toMatchObject({ direction: 'Down', status: 'Success' })
        down = await migrateDown(m.db)
      }
      expect(down.results?.[0]).toMatchObject({ migrationName: '0171_exchange_ratings_numbers', direction: 'Down', status: 'Success' })
      expect((await migrateDown(m.db)).results?.[0]).toMatchObject({ migrationName: '0170_exchange', direction: 'Down', status: 'Success' })
      await migrateToLatest(m.db)
      expect(await m.db.selectFrom('exchange_records').select('id').execute()).toEqual([])
    } finally { await m.close() }
  })
})
