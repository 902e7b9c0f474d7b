// The working-day calendar over HTTP: the public deadline (stable contract), the year listing, and an
// administrator entering next year's schedule (audited), with several processes kept in sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bus, Handler } from '../../src/kernel/bus.js'
import { addWorkingDays } from '../../src/domain/calendar.js'
import { seedCalendar } from '../../src/features/calendar/calendar.seed.js'
import { CalendarCache, setDay } from '../../src/features/calendar/calendar.service.js'
import { createTestApp, makeTree, makeUser, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let admin: Client, clerk: Client
let adminId: number, districtId: number

beforeAll(async () => {
  t = await createTestApp()
  const tree = await makeTree(t.db)
  districtId = tree.district.id
  const a = await makeUser(t.db, { roles: ['admin'], centerId: tree.district.id })
  const c = await makeUser(t.db, { roles: ['clerk', 'manager', 'supervisor'], centerId: tree.district.id })
  adminId = a.id
  admin = await t.login(a.username, a.password)
  clerk = await t.login(c.username, c.password)
})
afterAll(() => t.close())

const deadline = async (from: string, days: number | string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/calendar/deadline?from=${from}&days=${days}` })
  return { status: res.statusCode, body: res.json() }
}
const audit = (entity: string, entityId: string) =>
  t.db.selectFrom('audit_events').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('id').execute()

describe('GET /api/calendar/deadline (public)', () => {
  it('counts working days after `from`: Monday + 3 → Thursday, Friday + 1 → Monday, no login needed', async () => {
    expect(await deadline('2026-03-09', 3)).toEqual({ status: 200, body: { due: '2026-03-12', confirmed: true, unconfirmedYears: [], provisional: false } })
    expect((await deadline('2026-03-13', 1)).body.due).toBe('2026-03-16')
  })
  it('skips 国庆 2026 and counts the make-up Saturday', async () => {
    expect((await deadline('2026-09-30', 1)).body).toEqual({ due: '2026-10-08', confirmed: true, unconfirmedYears: [], provisional: false })
    expect((await deadline('2026-09-30', 3)).body.due).toBe('2026-10-10')
    expect((await deadline('2026-09-18', 1)).body.due).toBe('2026-09-20')
  })
  it('skips 春节 2026 and crosses 元旦 2026', async () => {
    expect((await deadline('2026-02-12', 3)).body.due).toBe('2026-02-24')
    expect((await deadline('2025-12-31', 1)).body.due).toBe('2026-01-04')
  })
  it('days = 0 (即办) is the day itself, confirmed whatever the year', async () => {
    expect((await deadline('2026-10-01', 0)).body).toEqual({ due: '2026-10-01', confirmed: true, unconfirmedYears: [], provisional: false })
    expect((await deadline('2031-05-06', 0)).body.confirmed).toBe(true)
  })
  it('accepts the longest limit, 3650 days', async () => {
    const r = await deadline('2026-01-05', 3650)
    expect(r.status).toBe(200)
    expect(r.body.confirmed).toBe(false)
  })
})

describe('GET /api/calendar/days (public)', () => {
  it('lists 2026\'s exceptions from chinese-days, confirmed', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/calendar/days?year=2026' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.year).toBe(2026)
    expect(body.confirmed).toBe(true)
    expect(body.days).toHaveLength(39) // 33 holidays (weekend ones included, for their names) + 6 make-up workdays
    expect(body.days).toContainEqual({ date: '2026-10-10', workday: true, name: '国庆节调休上班', source: 'chinese-days' })
    expect(body.days).toContainEqual({ date: '2026-02-17', workday: false, name: '春节', source: 'chinese-days' })
    expect(body.days.map((d: { date: string }) => d.date)).toEqual([...body.days.map((d: { date: string }) => d.date)].sort())
  })
  it('has every year 2004–2026 seeded and confirmed, nothing else', async () => {
    const years = await t.db.selectFrom('calendar_years').selectAll().orderBy('year').execute()
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i))
    expect(years.every((y) => y.confirmed && y.source === 'chinese-days')).toBe(true)
  })
})

describe('next year\'s schedule, entered by an administrator', () => {
  it('2027 is provisional until entered and confirmed: 元旦 by the statutory rules, then the administrator\'s days', async () => {
    // Issue 18: an unconfirmed year no longer counts 元旦 as a working day; it says the date is provisional.
    expect((await deadline('2026-12-31', 1)).body).toEqual({ due: '2027-01-04', confirmed: false, unconfirmedYears: [2027], provisional: true })
    const listed = (await admin.get('/api/calendar/days?year=2027')).json()
    expect(listed).toMatchObject({ year: 2027, confirmed: false })
    expect(listed.days).toHaveLength(19)
    expect(listed.days.every((d: { source: string }) => d.source === 'provisional')).toBe(true)

    const empty = await admin.put('/api/calendar/years/2027', { confirmed: true })
    expect(empty.statusCode).toBe(409)
    expect(empty.json().error.code).toBe('calendar_year_empty')

    const put = await admin.put('/api/calendar/days/2027-01-01', { workday: false, name: ' 元旦 ' })
    expect(put.statusCode).toBe(200)
    expect(put.json()).toEqual({ date: '2027-01-01', workday: false, name: '元旦', source: 'admin' })
    expect((await deadline('2026-12-31', 1)).body).toEqual({ due: '2027-01-04', confirmed: false, unconfirmedYears: [2027], provisional: true })

    const confirm = await admin.put('/api/calendar/years/2027', { confirmed: true })
    expect(confirm.statusCode).toBe(200)
    expect(confirm.json()).toEqual({ year: 2027, confirmed: true, source: 'admin' })
    expect((await deadline('2026-12-31', 1)).body).toEqual({ due: '2027-01-04', confirmed: true, unconfirmedYears: [], provisional: false })
    expect((await admin.get('/api/calendar/days?year=2027')).json()).toMatchObject({ confirmed: true, days: [{ date: '2027-01-01', source: 'admin' }] })

    const row = await t.db.selectFrom('calendar_days').selectAll().where('day', '=', '2027-01-01').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ workday: false, name: '元旦', source: 'admin', updated_by: adminId })

    const [dayAudit] = await audit('calendar_day', '2027-01-01')
    expect(dayAudit).toMatchObject({ action: 'calendar.day.set', actor_id: adminId, center_id: districtId })
    expect(dayAudit.data).toEqual({ before: null, after: { date: '2027-01-01', workday: false, name: '元旦', source: 'admin' } })
    const yearAudit = await audit('calendar_year', '2027')
    expect(yearAudit.map((a) => a.action)).toEqual(['calendar.year.set']) // the refused 409 wrote nothing
    expect(yearAudit[0].data).toMatchObject({ before: null, after: { year: 2027, confirmed: true } })
  })

  it('a deleted day follows the weekday rule again; deleting it twice is 404', async () => {
    await admin.put('/api/calendar/days/2027-02-08', { workday: false, name: '春节' })
    expect((await deadline('2027-02-05', 1)).body.due).toBe('2027-02-09')
    const del = await admin.delete('/api/calendar/days/2027-02-08')
    expect(del.statusCode).toBe(204)
    expect((await deadline('2027-02-05', 1)).body.due).toBe('2027-02-08')
    expect((await admin.delete('/api/calendar/days/2027-02-08')).statusCode).toBe(404)
    expect((await audit('calendar_day', '2027-02-08')).map((a) => a.action)).toEqual(['calendar.day.set', 'calendar.day.delete'])
  })

  it('corrects a seeded day: it becomes the administrator\'s', async () => {
    const res = await admin.put('/api/calendar/days/2026-05-09', { workday: false, name: '更正' })
    expect(res.json()).toEqual({ date: '2026-05-09', workday: false, name: '更正', source: 'admin' })
    expect((await deadline('2026-05-08', 1)).body.due).toBe('2026-05-11')
    const [a] = await audit('calendar_day', '2026-05-09')
    expect(a.data).toMatchObject({ before: { workday: true, source: 'chinese-days' }, after: { workday: false, source: 'admin' } })
    await admin.put('/api/calendar/days/2026-05-09', { workday: true, name: '劳动节调休上班' })
    expect((await deadline('2026-05-08', 1)).body.due).toBe('2026-05-09')
  })

  it('withdrawing a confirmation makes the year unconfirmed again', async () => {
    expect((await admin.put('/api/calendar/years/2027', { confirmed: false })).json()).toMatchObject({ confirmed: false })
    expect((await deadline('2027-03-01', 1)).body).toMatchObject({ confirmed: false, unconfirmedYears: [2027] })
    await admin.put('/api/calendar/years/2027', { confirmed: true })
  })
})

describe('seeding', () => {
  it('runs again without changing anything, and keeps an administrator\'s deletion of a seeded day', async () => {
    const count = async () => Number((await t.db.selectFrom('calendar_days').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    await admin.delete('/api/calendar/days/2025-10-08')
    const before = await count()
    expect(await seedCalendar(t.db)).toEqual([])
    expect(await count()).toBe(before)
    expect(await t.db.selectFrom('calendar_days').select('day').where('day', '=', '2025-10-08').executeTakeFirst()).toBeUndefined()
    await admin.put('/api/calendar/days/2025-10-08', { workday: false, name: '国庆节' })
  })
})

describe('several processes', () => {
  it('a change in one process reloads the calendar of another through the bus', async () => {
    const handlers = new Map<string, Set<Handler>>()
    const bus: Bus = {
      async publish(channel, payload) { for (const h of handlers.get(channel) ?? []) h(payload) },
      subscribe(channel, h) { if (!handlers.has(channel)) handlers.set(channel, new Set()); handlers.get(channel)!.add(h) },
      async close() {},
    }
    const one = new CalendarCache(t.db, bus)
    const two = new CalendarCache(t.db, bus)
    expect(addWorkingDays(await two.get(), '2027-04-01', 1)).toBe('2027-04-02')
    const actor = { userId: adminId, username: 'a', name: 'a', roles: ['admin' as const], centerId: districtId, centerPath: '/', centerLevel: 'district', windowId: null }
    await setDay(t.db, one, actor, '2027-04-02', { workday: false, name: '测试' })
    expect(addWorkingDays(await two.get(), '2027-04-01', 1)).toBe('2027-04-05')
  })
})

describe('bad input', () => {
  it.each([
    ['from=2026-02-30&days=1', 'querystring.from'],
    ['from=2026-2-3&days=1', 'querystring.from'],
    ['from=1899-12-31&days=1', 'querystring.from'],
    ['days=1', 'querystring.from'],
    ['from=2026-03-09&days=-1', 'querystring.days'],
    ['from=2026-03-09&days=3651', 'querystring.days'],
    ['from=2026-03-09&days=1.5', 'querystring.days'],
    ['from=2026-03-09&days=abc', 'querystring.days'],
    ['from=2026-03-09', 'querystring.days'],
  ])('deadline?%s → 400 naming %s', async (qs, field) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/calendar/deadline?${qs}` })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field)
  })
  it('rejects a bad year, date or body', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/days?year=abc' })).statusCode).toBe(400)
    const bad = await admin.put('/api/calendar/days/2026-02-30', { workday: false, name: 'x' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details[0].field).toBe('params.date')
    expect((await admin.put('/api/calendar/days/2026-10-01', { workday: 'sometimes' })).statusCode).toBe(400)
    expect((await admin.put('/api/calendar/days/2026-10-01', { workday: true, source: 'chinese-days' })).statusCode).toBe(400)
    expect((await admin.put('/api/calendar/years/1800', { confirmed: true })).statusCode).toBe(400)
    expect((await admin.delete('/api/calendar/days/not-a-date')).statusCode).toBe(400)
  })
})

describe('permissions', () => {
  it('only an administrator changes the calendar: 403 for a clerk/manager/supervisor, 401 without login', async () => {
    expect((await clerk.put('/api/calendar/days/2027-05-03', { workday: false, name: '劳动节' })).statusCode).toBe(403)
    expect((await clerk.delete('/api/calendar/days/2027-01-01')).statusCode).toBe(403)
    expect((await clerk.put('/api/calendar/years/2027', { confirmed: false })).statusCode).toBe(403)
    const anon = await t.app.inject({ method: 'PUT', url: '/api/calendar/days/2027-05-03', payload: { workday: false, name: 'x' } })
    expect(anon.statusCode).toBe(401)
    expect(await t.db.selectFrom('calendar_days').select('day').where('day', '=', '2027-05-03').executeTakeFirst()).toBeUndefined()
    expect((await clerk.get('/api/calendar/days?year=2027')).statusCode).toBe(200)
  })
})

describe('OpenAPI', () => {
  it('documents the calendar routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/calendar/deadline', '/api/calendar/days', '/api/calendar/days/{date}', '/api/calendar/years/{year}']))
  })
})
