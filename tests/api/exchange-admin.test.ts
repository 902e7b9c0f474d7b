// The exchange as people use it: the identifiers the province needs (bad ones 400 naming the field), the daily
// reconciliation matching what the stand-in province holds (and /metrics), a refused record visible with its reason
// and sent again once put right, the catalog claimed from the province (watermark, superseded versions left out,
// a malformed 实施编码 refusing the whole file row by row, a case keeping its version), the province's rating page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { creditCheckChar } from '../../src/domain/credit-code.js'
import { mappingFrom } from '../../src/domain/exchange-mapping.js'
import { loadExchangeConfig } from '../../src/features/exchange/exchange.config.js'
import { pushAdapter } from '../../src/features/exchange/push.js'
import { sendDue } from '../../src/features/exchange/sender.js'
import { createTestApp, makeUser, type Client, type TestApp } from '../helpers/app.js'
import { intakeBody, makeCaseWorld, type CaseWorld } from '../helpers/cases.js'
import { startProvinceStandin } from '../helpers/province-standin.js'

let t: TestApp
let w: CaseWorld
let admin: Client
let supervisor: Client
const clock = new SettableClock('2026-03-02T09:00:00+08:00')
const TOKEN = 'metrics-token-0123456789'
const credit = (n: number) => { const f = `1142070200${String(n).padStart(7, '0')}`; return f + creditCheckChar(f) }
const mapping = mappingFrom({ builtin: 'national' })
let standin: Awaited<ReturnType<typeof startProvinceStandin>>

beforeAll(async () => {
  const exchange = { ...loadExchangeConfig({}), ratingPageUrl: 'https://zwfw.hubei.example/pj/evaluate', ratingPageKey: 'province-key' }
  t = await createTestApp({ clock, config: { exchange, metricsToken: TOKEN } })
  w = await makeCaseWorld(t)
  const a = await makeUser(t.db, { roles: ['admin'], centerId: w.tree.district.id })
  admin = await t.login(a.username, a.password)
  const s = await makeUser(t.db, { roles: ['supervisor'], centerId: w.tree.district.id })
  supervisor = await t.login(s.username, s.password)
  standin = await startProvinceStandin({ mapping })
})
afterAll(async () => { await standin.close(); await t.close() })

describe('identifiers', () => {
  it('a center\'s 区划代码 and a department\'s 统一社会信用代码: validated, audited', async () => {
    const bad = await admin.put(`/api/exchange/centers/${w.tree.district.id}/area-code`, { areaCode: '4207' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details[0].field).toBe('body.areaCode')
    expect((await admin.put(`/api/exchange/centers/${w.tree.district.id}/area-code`, { areaCode: '420702000000' })).statusCode).toBe(200)
    const wrongCheck = credit(w.departments.lead).slice(0, 17) + (credit(w.departments.lead).endsWith('0') ? '1' : '0')
    const bad2 = await admin.put(`/api/exchange/departments/${w.departments.lead}/credit-code`, { creditCode: wrongCheck })
    expect(bad2.statusCode).toBe(400)
    expect(bad2.json().error.details[0].field).toBe('body.creditCode')
    const ok = await admin.put(`/api/exchange/departments/${w.departments.lead}/credit-code`, { creditCode: credit(w.departments.lead) })
    expect(ok.json()).toEqual({ departmentId: w.departments.lead, creditCode: credit(w.departments.lead) })
    expect((await w.clerk.client.put(`/api/exchange/centers/${w.tree.district.id}/area-code`, { areaCode: '420702000000' })).statusCode).toBe(403)
    // the administrator's list: each center's own code and the 12 digits its records carry (the nearest above)
    const ids = (await admin.get('/api/exchange/identifiers')).json()
    expect(ids.centers.find((c: { id: number }) => c.id === w.tree.district.id)).toMatchObject({ areaCode: '420702000000', recordAreaCode: '420702000000' })
    expect(ids.centers.find((c: { id: number }) => c.id === w.tree.townA.id)).toMatchObject({ areaCode: null, recordAreaCode: '420702000000' })
    expect(ids.departments.find((d: { id: number }) => d.id === w.departments.lead)).toMatchObject({ creditCode: credit(w.departments.lead) })
    expect((await w.clerk.client.get('/api/exchange/identifiers')).statusCode).toBe(403)
  })
})

describe('reconciliation and refusals', () => {
  it('matches what the stand-in holds; a refused record stays visible with its reason and goes again once put right', async () => {
    // a town center without a region code: its case's records are refused by the province
    await t.db.updateTable('centers').set({ area_code: null }).where('id', '=', w.tree.district.id).execute()
    const c1 = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.immediate))).json()
    await t.db.updateTable('centers').set({ area_code: '420702000000' }).where('id', '=', w.tree.district.id).execute()
    const c2 = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
    expect(c2.status).toBe('accepted')
    const adapter = pushAdapter({ url: standin.url, mapping, dataSource: 'YIZHAN' })
    await sendDue(t.db, adapter, clock)

    const rep = (await supervisor.get('/api/exchange/reconciliation?day=2026-03-02')).json()
    expect(rep.totals.acknowledged).toBe(standin.received.length)
    expect(rep.totals.refused).toBe(standin.refused.length)
    expect(rep.totals.refused).toBeGreaterThan(0)
    expect(rep.totals.sent).toBe(rep.totals.created)
    expect(rep.centers).toEqual([expect.objectContaining({ centerId: w.tree.district.id, created: rep.totals.created })])
    expect(rep.refused[0]).toMatchObject({ caseNumber: c1.number, reason: expect.stringContaining('area_code') })
    expect(rep.totals.oldestUnacknowledged).toBe(null)
    // /metrics carries the same
    const metrics = (await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body
    expect(metrics).toContain(`yizhan_exchange_refused_records ${rep.totals.refused}`)
    expect(metrics).toContain(`yizhan_exchange_acknowledged_records ${rep.totals.acknowledged}`)

    const refused = (await supervisor.get('/api/exchange/records?status=refused')).json().records
    expect(refused.every((r: { caseNumber: string; refusedReason: string }) => r.caseNumber === c1.number && r.refusedReason)).toBe(true)
    const attempts = (await supervisor.get(`/api/exchange/records/${refused[0].id}/attempts`)).json().attempts
    expect(attempts[0]).toMatchObject({ outcome: 'refused', reply: expect.stringContaining('area_code') })
    // put right: the district now has its region code; sent again with the identifiers read again
    expect((await supervisor.post(`/api/exchange/records/${refused[0].id}/resend`)).statusCode).toBe(403)
    for (const r of refused) expect((await admin.post(`/api/exchange/records/${r.id}/resend`)).statusCode).toBe(200)
    expect((await admin.post(`/api/exchange/records/${refused[0].id}/resend`)).statusCode).toBe(409)
    await sendDue(t.db, adapter, clock)
    const again = (await supervisor.get('/api/exchange/reconciliation?day=2026-03-02')).json()
    expect(again.totals).toMatchObject({ refused: 0, pending: 0, acknowledged: standin.received.length })
    expect(standin.received.filter((r) => r.national.project_no === c1.number).every((r) => r.national.area_code === '420702000000')).toBe(true)
    expect((await w.clerk.client.get('/api/exchange/reconciliation')).statusCode).toBe(403)
  })
})

const item = (over: Record<string, unknown> = {}) => ({
  task_code: credit(w.departments.lead) + '000510401000', task_version: 1, catalog_code: '000510401000', task_name: '食品经营许可',
  task_type: '行政许可', dept_code: credit(w.departments.lead), legal_days: 20, promised_days: 10, town_accept: 'N', village_accept: 'N',
  update_time: '2026-02-01T08:00:00+08:00', materials: [{ material_name: '申请书', material_form: '原件' }], ...over,
})

describe('the catalog from the province', () => {
  it('a malformed 实施编码 refuses the whole file, naming each row', async () => {
    const res = await admin.post('/api/exchange/catalog/import', { items: [item(), item({ task_code: '12345', task_name: '坏的' }), item({ task_code: credit(w.departments.lead) + '000510401001' })] })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['items.1.task_code', 'items.2.task_code'])
    expect(await t.db.selectFrom('service_items').select('id').where('code', '=', item().task_code).execute()).toEqual([])
  })

  it('imports after the watermark, leaves superseded versions out; a case keeps the version it was accepted under', async () => {
    const first = await admin.post('/api/exchange/catalog/import', { source: 'hubei', items: [item(), item({ task_version: 2, update_time: '2026-02-02T08:00:00+08:00', task_name: '食品经营许可（2）' })] })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ created: 1, watermark: '2026-02-02T00:00:00.000Z' })
    const versions = await t.db.selectFrom('item_versions as v').innerJoin('service_items as i', 'i.id', 'v.item_id').select(['v.version', 'v.status', 'i.id'])
      .where('i.code', '=', item().task_code).execute()
    expect(versions.map((v) => [v.version, v.status])).toEqual([[2, 'published']]) // version 1 was superseded in the file
    const itemId = versions[0].id
    const materials = await t.db.selectFrom('item_materials as m').innerJoin('item_versions as v', 'v.id', 'm.version_id').select('m.id').where('v.item_id', '=', itemId).execute()
    const c = await w.clerk.client.post('/api/cases', intakeBody(w, { id: itemId, materials: materials.map((m) => m.id) }))
    expect(c.statusCode, c.body).toBe(201)
    expect(c.json().itemVersion).toBe(2)
    // the same file again: nothing after the watermark
    expect((await admin.post('/api/exchange/catalog/import', { source: 'hubei', items: [item({ task_version: 2, update_time: '2026-02-02T08:00:00+08:00' })] })).json())
      .toMatchObject({ created: 0, updated: 0, skippedByWatermark: 1 })
    // version 3 arrives: published over 2; the case stays on 2
    const third = await admin.post('/api/exchange/catalog/import', { source: 'hubei', items: [item({ task_version: 3, update_time: '2026-03-01T08:00:00+08:00', promised_days: 5 })] })
    expect(third.json()).toMatchObject({ updated: 1 })
    const k = await t.db.selectFrom('cases').select(['item_version']).where('id', '=', c.json().id).executeTakeFirstOrThrow()
    expect(k.item_version).toBe(2)
    const now = await t.db.selectFrom('item_versions').select(['version', 'status']).where('item_id', '=', itemId).orderBy('version').execute()
    expect(now).toEqual([{ version: 2, status: 'superseded' }, { version: 3, status: 'published' }])
    expect((await w.clerk.client.post('/api/exchange/catalog/import', { items: [item()] })).statusCode).toBe(403)
  })
})

describe('province-page rating mode', () => {
  it('a closed case gets the province page with its fields signed; a wrong query code is 404', async () => {
    const c = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.immediate, { complete: true }))).json()
    expect(c.status).toBe('closed')
    const res = await t.app.inject({ url: `/api/public/exchange/rating-page?number=${c.number}&code=${c.queryCode}` })
    expect(res.statusCode, res.body).toBe(200)
    const u = new URL(res.json().url)
    expect(u.origin + u.pathname).toBe('https://zwfw.hubei.example/pj/evaluate')
    expect(u.searchParams.get('project_no')).toBe(c.number)
    expect(u.searchParams.get('area_code')).toBe('420702000000')
    const { signRatingFields } = await import('../../src/features/exchange/exchange.service.js')
    const fields = Object.fromEntries([...u.searchParams].filter(([k]) => k !== 'sign'))
    expect(u.searchParams.get('sign')).toBe(signRatingFields('province-key', fields))
    expect((await t.app.inject({ url: `/api/public/exchange/rating-page?number=${c.number}&code=WRONG1` })).statusCode).toBe(404)
  })
})
