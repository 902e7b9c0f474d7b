// GET /api/statistics: after mixed operations (即办 and 承诺 intake, correction and supplement, refusal, approvals
// early and late on the clock, an idempotent retry, refused writes and a rolled-back transaction, ratings, tickets)
// every aggregate equals a direct count over the base tables, computed here in JavaScript, whether the fold worker
// has run or not; 400/403; the Excel file read back.
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCalendar, workingDaysBetween } from '../../src/domain/calendar.js'
import { chinaDate, SettableClock } from '../../src/domain/clock.js'
import * as m0145 from '../../src/db/migrations/0145_good_rating_statistics.js'
import { foldAll, foldDeltas, GROUP_BYS, type GroupBy } from '../../src/features/statistics/statistics.repository.js'
import { isGoodScore } from '../../src/domain/rating-measures.js'
import { goodShare, percent } from '../../src/domain/statistics-measures.js'
import { createTestApp, makeUser, type Client, type TestApp } from '../helpers/app.js'
import { act, intakeBody, makeCaseWorld, type CaseWorld } from '../helpers/cases.js'

let t: TestApp
let w: CaseWorld
let sup: Client
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday
const FROM = '2026-01-01'
const TO = '2026-12-31'

async function open(item: { id: number; materials: number[] }, over: Record<string, unknown> = {}, client = w.clerk.client) {
  const res = await client.post('/api/cases', intakeBody(w, item, over))
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: number; number: string; queryCode: string; status: string; dueDate: string | null }
}
async function decide(id: number, action = 'approve') {
  for (const u of [w.approver, w.reviewer]) expect((await act(u.client, id, 'advance', { opinion: '同意' })).statusCode).toBe(200)
  const r = await act(w.approver.client, id, action, action === 'deny' ? { reasons: '不符合条件' } : { note: '准予' })
  expect(r.statusCode, r.body).toBe(200)
}
let rater = 0
const rate = (c: { number: string; queryCode: string }, score: number) =>
  t.app.inject({ method: 'POST', url: '/api/public/ratings', payload: { number: c.number, code: c.queryCode, score }, remoteAddress: `10.88.0.${++rater}` })

const FIELDS = ['received', 'accepted', 'refused', 'finished', 'onTime', 'early', 'late', 'workdays', 'trips', 'oneTrip', 'visits', 'rated', 'satisfied'] as const
type Counts = Record<(typeof FIELDS)[number], number>
const zero = (): Counts => Object.fromEntries(FIELDS.map((f) => [f, 0])) as Counts

/** The oracle: every measure recomputed in JavaScript from case_events, cases, tickets and ratings. */
async function direct(groupBy: GroupBy, scopePath: string, from = FROM, to = TO): Promise<Record<string, Counts>> {
  const centers = new Set((await t.db.selectFrom('centers').select('id').where('path', 'like', `${scopePath}%`).execute()).map((c) => c.id))
  const events = await t.db.selectFrom('case_events').selectAll().orderBy('id').execute()
  const cases = new Map((await t.db.selectFrom('cases as k').innerJoin('item_versions as v', 'v.id', 'k.item_version_id')
    .select(['k.id', 'k.department_id', 'k.item_id', 'k.due_date', 'k.accepted_on', 'v.visits']).execute()).map((c) => [Number(c.id), c]))
  const days = await t.db.selectFrom('calendar_days').select(['day as date', 'workday', 'name']).execute()
  const cal = makeCalendar(days.map((d) => ({ ...d, date: String(d.date) })), [])
  const corrections = (caseId: number) => events.filter((e) => Number(e.case_id) === caseId && e.action === 'correct').length
  const out: Record<string, Counts> = {}
  const add = (k: { day: string; center: number; department: number | null; window: number | null; person: number | null; item: number | null }, m: Partial<Counts>) => {
    if (k.day < from || k.day > to || !centers.has(k.center)) return
    const key = String(groupBy === 'month' ? k.day.slice(0, 7) : k[groupBy])
    const row = (out[key] ??= zero())
    for (const [f, v] of Object.entries(m)) row[f as keyof Counts] += v
  }
  const decidedSet = ['approved', 'denied', 'answered']
  for (const e of events) {
    const c = cases.get(Number(e.case_id))!
    const day = chinaDate(e.at)
    const k = { day, center: e.center_id, department: c.department_id, window: e.window_id, person: e.actor_id, item: c.item_id }
    if (e.from_status === null) add(k, { received: 1 })
    if (e.to_status === 'accepted' && [null, 'received', 'correction'].includes(e.from_status)) add(k, { accepted: 1 })
    if (e.to_status === 'refused') add(k, { refused: 1 })
    if (decidedSet.includes(e.to_status) && !decidedSet.includes(e.from_status ?? '')) {
      const due = c.due_date === null ? null : String(c.due_date)
      const trips = c.visits + corrections(Number(e.case_id))
      add(k, {
        finished: 1, onTime: due === null || day <= due ? 1 : 0, early: due !== null && day < due ? 1 : 0, late: due !== null && day > due ? 1 : 0,
        workdays: workingDaysBetween(cal, String(c.accepted_on), day), trips, oneTrip: c.visits <= 1 && corrections(Number(e.case_id)) === 0 ? 1 : 0,
      })
    }
  }
  const tickets = await t.db.selectFrom('tickets as t').leftJoin('service_items as i', 'i.id', 't.item_id').select(['t.day', 't.center_id', 'i.department_id', 't.item_id']).execute()
  for (const x of tickets) add({ day: String(x.day), center: x.center_id, department: x.department_id ?? null, window: null, person: null, item: x.item_id }, { visits: 1 })
  const ratings = await t.db.selectFrom('ratings').selectAll().where('set_aside', '=', false).execute()
  for (const r of ratings) {
    add({ day: String(r.rated_on), center: r.center_id, department: r.department_id, window: r.window_id, person: r.staff_id, item: r.item_id },
      { rated: 1, satisfied: isGoodScore(r.score) ? 1 : 0 })
  }
  return out
}

async function viaApi(client: Client, groupBy: GroupBy, from = FROM, to = TO): Promise<Record<string, Counts>> {
  const res = await client.get(`/api/statistics?from=${from}&to=${to}&groupBy=${groupBy}`)
  expect(res.statusCode, res.body).toBe(200)
  return Object.fromEntries(res.json().rows.map((r: Counts & { key: unknown }) => [String(r.key), Object.fromEntries(FIELDS.map((f) => [f, r[f]]))]))
}

/** Whole months (read from stat_monthly once folded) and a range cutting March and April (their days from stat_daily). */
async function expectAllMatch(label: string) {
  for (const [from, to] of [[FROM, TO], ['2026-03-03', '2026-04-20']]) {
    for (const g of GROUP_BYS) {
      expect(await viaApi(sup, g, from, to), `${label}: ${from}..${to} groupBy=${g}`).toEqual(await direct(g, w.tree.district.path, from, to))
    }
  }
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeCaseWorld(t)
  const s = await makeUser(t.db, { roles: ['supervisor'], centerId: w.tree.district.id })
  sup = await t.login(s.username, s.password)

  // 即办 on the spot, twice, and the retry of the first with the same requestId (no second case)
  const body = intakeBody(w, w.items.immediate, { complete: true })
  expect((await w.clerk.client.post('/api/cases', body)).statusCode).toBe(201)
  expect((await w.clerk.client.post('/api/cases', body)).statusCode).toBe(200)
  const quick = await open(w.items.immediate, { complete: true })
  // 承诺: decided the same day (early), then deliver and pick up; rated 5 (满意 or better)
  const early = await open(w.items.promised)
  await decide(early.id)
  await act(w.clerk.client, early.id, 'deliver', { method: 'pickup', centerId: w.tree.district.id })
  expect((await act(w.clerk.client, early.id, 'pickup')).statusCode).toBe(200)
  expect((await rate(early, 5)).statusCode).toBe(201)
  expect((await rate(quick, 2)).statusCode).toBe(201)
  // a correction notice, then the materials arrive; refused at intake; refused after a correction
  const corrected = await open(w.items.promised, { materials: [{ materialId: w.items.promised.materials[0], received: true }] })
  expect(corrected.status).toBe('correction')
  const missing = await open(w.items.promised, { materials: [] })
  expect((await act(w.clerk.client, missing.id, 'refuse', { reason: '材料不全且逾期未补' })).statusCode).toBe(200)
  await open(w.items.promised, { refuse: { reason: '不属于本机关职权范围' } })
  const late = await open(w.items.promised)
  const denied = await open(w.items.promised)
  // refused writes: 409 invalid transition, 400 bad field: nothing counted
  expect((await act(w.approver.client, corrected.id, 'approve', { note: 'x' })).statusCode).toBe(409)
  expect((await act(w.clerk.client, corrected.id, 'supplement', { materials: 'none' })).statusCode).toBe(400)

  clock.set('2026-03-04T10:00:00+08:00')
  expect((await act(w.clerk.client, corrected.id, 'supplement', { materials: w.items.promised.materials.map((m) => ({ materialId: m, received: true })) })).statusCode).toBe(200)
  // a town clerk and a village clerk record cases (the village room counts as used)
  const townItem = w.items.promised
  await open(townItem, { centerId: w.tree.townA.id }, w.townAClerk.client)
  await t.db.insertInto('item_offerings').values({ item_id: w.items.immediate.id, center_id: w.tree.villageA.id }).execute()
  const v = await makeUser(t.db, { roles: ['clerk'], centerId: w.tree.villageA.id })
  await open(w.items.immediate, { centerId: w.tree.villageA.id, complete: true }, await t.login(v.username, v.password))

  // April: one decided late, one denied, the corrected one decided
  clock.set('2026-04-20T10:00:00+08:00')
  // two approvers press 准予 at the same moment: one wins, the other's transaction rolls back with 409
  for (const u of [w.approver, w.reviewer]) expect((await act(u.client, late.id, 'advance', { opinion: '同意' })).statusCode).toBe(200)
  const both = await Promise.all([act(w.approver.client, late.id, 'approve', { note: '准予' }), act(w.approver.client, late.id, 'approve', { note: '准予' })])
  expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409])
  await decide(denied.id, 'deny')
  await decide(corrected.id)
  // hall tickets: two visits at the district center (one for an item)
  const { id: categoryId } = await t.db.insertInto('hall_categories').values({ center_id: w.tree.district.id, prefix: 'A', name: '综合' }).returning('id').executeTakeFirstOrThrow()
  for (const [seq, itemId] of [[1, w.items.promised.id], [2, null]] as const) {
    await t.db.insertInto('tickets').values({
      center_id: w.tree.district.id, category_id: categoryId, item_id: itemId, appointment_id: null, day: '2026-04-20', seq, number: `A00${seq}`,
      token: `tok-${seq}-${process.pid}`, queued_at: clock.now(), issued_at: clock.now(), target_window_id: null, window_id: null, staff_id: null, case_ref: null,
    }).execute()
  }
})
afterAll(() => t.close())

describe('aggregates equal a direct count', () => {
  it('for every groupBy, before any fold (all deltas unfolded)', async () => {
    expect(Number((await sql<{ n: number }>`select count(*) as n from stat_daily`.execute(t.db)).rows[0].n)).toBe(0)
    await expectAllMatch('unfolded')
    const totals = (await sup.get(`/api/statistics?from=${FROM}&to=${TO}`)).json().totals
    // 2 即办 + early + corrected + missing + refused + late + denied + town + village = 10 received, the retry not counted;
    // late, denied and corrected are all decided in April, after their due dates
    expect(totals).toMatchObject({ received: 10, refused: 2, finished: 7, late: 3, rated: 2, satisfied: 1, visits: 2 })
    expect(totals.early).toBeGreaterThanOrEqual(1)
  })

  it('after a partial fold and after a full fold, and with the worker\'s batches racing', async () => {
    expect(await foldDeltas(t.db, 3)).toBe(3)
    await expectAllMatch('partly folded')
    await Promise.all([foldDeltas(t.db, 2), foldDeltas(t.db, 2), foldAll(t.db)])
    await foldAll(t.db)
    expect(Number((await sql<{ n: number }>`select count(*) as n from stat_deltas`.execute(t.db)).rows[0].n)).toBe(0)
    await expectAllMatch('folded')
  })

  it('a transaction that appends an event and then fails leaves no delta behind', async () => {
    const before = (await sup.get(`/api/statistics?from=${FROM}&to=${TO}`)).json().totals
    const someCase = await t.db.selectFrom('cases').select(['id', 'accepting_center_id']).where('status', '=', 'in_review').executeTakeFirst()
      ?? await t.db.selectFrom('cases').select(['id', 'accepting_center_id']).executeTakeFirstOrThrow()
    await expect(t.db.transaction().execute(async (trx) => {
      await trx.insertInto('case_events').values({ case_id: someCase.id, at: clock.now(), actor_id: null, center_id: someCase.accepting_center_id,
        window_id: null, action: 'approve', from_status: 'in_review', to_status: 'approved', data: '{}' }).execute()
      throw new Error('fails after the write')
    })).rejects.toThrow('fails after the write')
    expect((await sup.get(`/api/statistics?from=${FROM}&to=${TO}`)).json().totals).toEqual(before)
  })

  it('a rating set aside after review no longer counts', async () => {
    const r = await t.db.selectFrom('ratings').select('id').where('score', '=', 2).executeTakeFirstOrThrow()
    await t.db.updateTable('ratings').set({ set_aside: true }).where('id', '=', r.id).execute()
    await expectAllMatch('set aside')
    expect((await sup.get(`/api/statistics?from=${FROM}&to=${TO}`)).json().totals).toMatchObject({ rated: 1, satisfied: 1, satisfaction: 1 })
  })

  it('dates narrow the figures; months group March and April; coverage counts the village room', async () => {
    const march = (await sup.get('/api/statistics?from=2026-03-01&to=2026-03-31&groupBy=month')).json()
    expect(march.rows.map((r: { key: string }) => r.key)).toEqual(['2026-03'])
    expect(await viaApi(sup, 'person', '2026-04-01', '2026-04-30')).toEqual(await direct('person', w.tree.district.path, '2026-04-01', '2026-04-30'))
    const all = (await sup.get(`/api/statistics?from=${FROM}&to=${TO}`)).json()
    expect(all.coverage).toEqual({ villageRooms: 2, villageRoomsUsed: 1, rate: 0.5 })
    expect(all.rows.find((r: { key: number }) => r.key === w.tree.villageA.id)).toMatchObject({ name: '甲村', received: 1, finished: 1 })
  })
})

describe('permissions and bad input', () => {
  it('a town manager sees its town and villages; another town\'s figures → 403; a clerk → 403; no login → 401', async () => {
    const townA = await makeUser(t.db, { roles: ['manager'], centerId: w.tree.townA.id })
    const m = await t.login(townA.username, townA.password)
    const own = await m.get(`/api/statistics?from=${FROM}&to=${TO}&groupBy=center`)
    expect(own.statusCode).toBe(200)
    expect(own.json().rows.map((r: { key: number }) => r.key).sort()).toEqual([w.tree.townA.id, w.tree.villageA.id].sort())
    expect(await viaApi(m, 'person')).toEqual(await direct('person', w.tree.townA.path))
    for (const id of [w.tree.townB.id, w.tree.district.id]) {
      const res = await m.get(`/api/statistics?centerId=${id}`)
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('outside_jurisdiction')
    }
    expect((await w.clerk.client.get('/api/statistics')).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/statistics' })).statusCode).toBe(401)
    expect((await sup.get(`/api/statistics?centerId=${w.tree.townB.id}`)).statusCode).toBe(200)
  })

  it('malformed or out-of-order dates → 400 naming the field', async () => {
    for (const [q, field] of [['from=2026-02-30', 'querystring.from'], ['to=2026-13-01', 'querystring.to'], ['from=2026-05-01&to=2026-04-01', 'querystring.from']]) {
      const res = await sup.get(`/api/statistics?${q}`)
      expect(res.statusCode, q).toBe(400)
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field)
    }
    expect((await sup.get('/api/statistics?groupBy=town')).statusCode).toBe(400)
    expect((await sup.get('/api/statistics?centerId=999999')).statusCode).toBe(404)
  })
})

describe('Excel export', () => {
  it('opens in exceljs with Chinese headers, the same numbers and no ID number', async () => {
    const json = (await sup.get(`/api/statistics?from=${FROM}&to=${TO}&groupBy=item`)).json()
    const res = await sup.get(`/api/statistics?from=${FROM}&to=${TO}&groupBy=item&format=xlsx`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as never)
    expect(wb.worksheets.map((s) => s.name)).toEqual(['按事项', '总体指标', '指标口径'])
    const ws = wb.getWorksheet('按事项')!
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['事项', '接件数', '办结数', '按时办结率', '一次办结率', '好评率']))
    const header = (ws.getRow(1).values as string[])
    const col = (h: string) => header.indexOf(h)
    const last = ws.getRow(ws.rowCount)
    expect(last.getCell(1).value).toBe('合计')
    expect(last.getCell(col('接件数')).value).toBe(json.totals.received)
    expect(last.getCell(col('办结数')).value).toBe(json.totals.finished)
    expect(ws.rowCount).toBe(json.rows.length + 2)
    const text = wb.worksheets.flatMap((s) => s.getSheetValues().flat().map(String)).join(' ')
    expect(text).not.toMatch(/\d{17}[\dX]/)
    const summary = wb.getWorksheet('总体指标')!
    expect(summary.getRow(6).values).toEqual([undefined, '有办件的村便民服务室', 1])
    // dates are Excel dates, rates numbers shown as percentages; every measure's written definition has a row
    expect(summary.getCell('B3').value).toEqual(new Date(`${FROM}T00:00:00Z`))
    expect(typeof summary.getCell('B7').value).toBe('number')
    expect(summary.getCell('B7').numFmt).toBe('0.0%')
    const defs = wb.getWorksheet('指标口径')!
    const defined = defs.getColumn(1).values.filter(Boolean)
    expect(defined).toEqual(expect.arrayContaining(['指标', '接件数', '受理数', '按时办结率', '好评率', '村级便民服务室覆盖率', '应进必进进驻率']))
    expect(String(defs.getRow(defined.indexOf('好评率') + 1).getCell(2).value)).toContain('基本满意')
  })

  it('a month grouping gives months as Excel dates', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await sup.get(`/api/statistics?from=${FROM}&to=${TO}&groupBy=month&format=xlsx`)).rawPayload as never)
    const first = wb.getWorksheet('按月份')!.getRow(2).getCell(1)
    expect(first.value).toBeInstanceOf(Date)
    expect(first.numFmt).toBe('yyyy"年"m"月"')
  })
})

describe('one value per measure on every route', () => {
  it('the statistics (JSON and xlsx), the workbench card (by month) and the report (JSON, markdown) show the same figures', async () => {
    const basic = await open(w.items.immediate, { complete: true })
    expect((await rate(basic, 3)).statusCode).toBe(201) // 基本满意 is 好评 (rating-measures.ts)
    await expectAllMatch('with a 基本满意')
    const q = `from=${FROM}&to=${TO}`
    const s = (await sup.get(`/api/statistics?${q}`)).json()
    expect(s.totals.satisfied).toBe(2) // the 5 and the 3 (the 2, a 差评, was set aside above)
    expect(s.totals.satisfaction).toBe(goodShare(s.totals.satisfied, s.totals.rated))
    const card = (await sup.get(`/api/statistics?${q}&groupBy=month`)).json()
    expect(card.totals).toEqual(s.totals)
    expect({ coverage: card.coverage, entry: card.entry }).toEqual({ coverage: s.coverage, entry: s.entry })

    const r = (await sup.get(`/api/reports/operations?asOf=${TO}&casesFrom=${FROM}`)).json()
    expect(r.measures).toMatchObject({
      received: s.totals.received, accepted: s.totals.accepted, refused: s.totals.refused, decided: s.totals.finished, late: s.totals.late,
      onTimeRate: s.totals.onTimeRate, oneTripRate: s.totals.oneTripRate, avgWorkdays: s.totals.avgWorkdays, ratings: s.totals.rated,
      good: s.totals.satisfied, satisfaction: s.totals.satisfaction, villageRooms: s.coverage.villageRooms, villageRoomsUsed: s.coverage.villageRoomsUsed,
      villageCoverage: s.coverage.rate, requiredUnits: s.entry.requiredUnits, enteredUnits: s.entry.enteredUnits, entryRate: s.entry.rate,
    })
    const byCenter = new Map(s.rows.map((x: { key: number; accepted: number }) => [x.key, x.accepted]))
    expect(r.towns.length).toBeGreaterThan(0)
    for (const town of r.towns) expect(town.casesSince.count).toBe(byCenter.get(town.centerId) ?? 0)

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await sup.get(`/api/statistics?${q}&format=xlsx`)).rawPayload as never)
    const sheet = wb.worksheets[0]
    const header = sheet.getRow(1).values as string[]
    const total = sheet.getRow(sheet.rowCount)
    for (const [h, v] of [['好评率', s.totals.satisfaction], ['按时办结率', s.totals.onTimeRate], ['受理数', s.totals.accepted], ['一次办结率', s.totals.oneTripRate]] as const) {
      expect(total.getCell(header.indexOf(h)).value, h).toBe(v)
    }
    const summary = wb.getWorksheet('总体指标')!
    expect([7, 8, 9, 10].map((row) => summary.getCell(`B${row}`).value)).toEqual([s.coverage.rate, s.entry.requiredUnits, s.entry.enteredUnits, s.entry.rate])

    const md = (await sup.get(`/api/reports/operations?asOf=${TO}&casesFrom=${FROM}&format=markdown`)).body
    for (const text of [`好评率${percent(s.totals.satisfaction)}`, `按时办结率${percent(s.totals.onTimeRate)}`, `覆盖率${percent(s.coverage.rate)}`,
      `一次办结率${percent(s.totals.oneTripRate)}`, `| 应进必进进驻率 | ${percent(s.entry.rate)} |`]) expect(md).toContain(text)
  })
})

describe('migration 0145', () => {
  it('down counts 满意 and better again (score ≥ 4), up counts 基本满意 as 好评; the founding day comes and goes', async () => {
    const good = async () => (await sup.get(`/api/statistics?from=${FROM}&to=${TO}`)).json().totals.satisfied
    const now = await good()
    const threes = Number((await sql<{ n: number }>`select count(*)::int as n from ratings where score = 3 and not set_aside`.execute(t.db)).rows[0].n)
    expect(threes).toBeGreaterThan(0)
    // 0145 alone, down and up (later migrations stay: they do not depend on it)
    await m0145.down(t.db)
    expect(await good()).toBe(now - threes)
    await m0145.up(t.db)
    expect(await good()).toBe(now)
    await expectAllMatch('after down and up')
  })
})
