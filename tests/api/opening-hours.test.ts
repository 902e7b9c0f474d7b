// One source of opening hours per center (issue 24): the hall's settings (with a lunch break) feed the public list
// of centers, the item guide, the kiosk, the ticket rules and booking slots; the manager (or an administrator)
// changes them on 大厅设置; hours out of order are a 400 naming the field, and a town's manager cannot touch the district's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { demoDistrict, TestClock, TUESDAY_10 } from '../helpers/hall.js'

let t: TestApp
let manager: Client
let d: Awaited<ReturnType<typeof demoDistrict>>
let cat: number
const clock = new TestClock(new Date(TUESDAY_10))
const WEDNESDAY = '2026-03-11'
const get = (url: string) => t.app.inject({ url })

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock })
  d = await demoDistrict(t.db)
  manager = await t.login('district.manager1')
  cat = (await manager.post('/api/hall/categories', { centerId: d.center.id, prefix: 'H', name: '营业时间', itemIds: [d.itemIds[0]] })).json().id
})
afterAll(() => t.close())

const publicHours = async (id: number) => (await get('/api/public/centers')).json().centers.find((c: { id: number }) => c.id === id).hours
const slotStarts = async () => (await get(`/api/public/centers/${d.center.id}/slots?categoryId=${cat}&day=${WEDNESDAY}`)).json().slots.map((s: { start: string }) => s.start)

describe('opening hours', () => {
  it('the demo district publishes, offers and issues by the same hours, lunch break included', async () => {
    expect(await publicHours(d.center.id)).toBe('工作日 08:30–12:00、14:00–17:30')
    const town = await t.db.selectFrom('centers').select('id').where('code', '=', 'T01').executeTakeFirstOrThrow()
    expect(await publicHours(town.id)).toBe('工作日 08:30–12:00、14:30–17:30')
    const guide = (await get(`/api/public/items/${d.itemIds[0]}`)).json()
    expect(guide.centers.find((c: { id: number }) => c.id === d.center.id).hours).toBe('工作日 08:30–12:00、14:00–17:30')
    const slots = await slotStarts()
    expect(slots[0]).toBe('08:30')
    expect(slots.at(-1)).toBe('17:00')
    expect(slots.filter((s: string) => s >= '12:00' && s < '14:00')).toEqual([])
  })

  it('the manager moves the hours on 大厅设置 and every page follows; a slot over the new lunch cannot be booked', async () => {
    const res = await manager.patch(`/api/hall/centers/${d.center.id}`, { opens: '09:00', lunchStarts: '11:30', lunchEnds: '13:30', closes: '17:00' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ opens: '09:00', lunchStarts: '11:30', lunchEnds: '13:30', closes: '17:00' })
    expect(await publicHours(d.center.id)).toBe('工作日 09:00–11:30、13:30–17:00')
    const guide = (await get(`/api/public/items/${d.itemIds[0]}`)).json()
    expect(guide.centers.find((c: { id: number }) => c.id === d.center.id).hours).toBe('工作日 09:00–11:30、13:30–17:00')
    expect(await slotStarts()).not.toContain('12:00')
    expect((await slotStarts())[0]).toBe('09:00')
    expect((await get(`/api/public/centers/${d.center.id}/kiosk`)).json()).toMatchObject({ opens: '09:00', lunchStarts: '11:30', lunchEnds: '13:30', closes: '17:00' })
    clock.set('2026-03-10T11:45:00+08:00')
    expect((await t.app.inject({ method: 'POST', url: '/api/tickets', payload: { centerId: d.center.id, categoryId: cat } })).json().error.code).toBe('lunch_break')
    clock.set('2026-03-10T13:30:00+08:00')
    expect((await t.app.inject({ method: 'POST', url: '/api/tickets', payload: { centerId: d.center.id, categoryId: cat } })).statusCode).toBe(201)
    clock.set(TUESDAY_10)
    const audit = await t.db.selectFrom('audit_events').select('data').where('action', '=', 'hall.settings').where('entity_id', '=', String(d.center.id)).orderBy('id').execute()
    expect(audit.at(-1)!.data).toMatchObject({ lunchStarts: '11:30', lunchEnds: '13:30' })

    // no lunch break at all: one period
    expect((await manager.patch(`/api/hall/centers/${d.center.id}`, { lunchStarts: null, lunchEnds: null })).statusCode).toBe(200)
    expect(await publicHours(d.center.id)).toBe('工作日 09:00–17:00')
    expect(await slotStarts()).toContain('12:00')
  })

  it('refuses hours out of order with 400 naming the field, and writes nothing', async () => {
    const before = await t.db.selectFrom('hall_settings').selectAll().where('center_id', '=', d.center.id).executeTakeFirstOrThrow()
    const cases: [object, string][] = [
      [{ lunchStarts: '12:00', lunchEnds: null }, 'body.lunchEnds'],
      [{ lunchStarts: '08:00', lunchEnds: '09:00' }, 'body.lunchStarts'],
      [{ lunchStarts: '12:00', lunchEnds: '11:00' }, 'body.lunchEnds'],
      [{ lunchStarts: '12:00', lunchEnds: '17:30' }, 'body.lunchEnds'],
      [{ opens: '18:00' }, 'body.closes'],
    ]
    for (const [body, field] of cases) {
      const res = await manager.patch(`/api/hall/centers/${d.center.id}`, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(JSON.stringify(res.json().error)).toContain(field)
    }
    expect((await manager.patch(`/api/hall/centers/${d.center.id}`, { lunchStarts: '12:5' })).statusCode).toBe(400)
    expect(await t.db.selectFrom('hall_settings').selectAll().where('center_id', '=', d.center.id).executeTakeFirstOrThrow()).toEqual(before)
  })

  it('a town manager cannot change the district\'s hours, a clerk none; an administrator can', async () => {
    const town = await t.login('liangzi.manager')
    expect((await town.patch(`/api/hall/centers/${d.center.id}`, { opens: '08:00' })).statusCode).toBe(403)
    const clerk = await t.login('district.clerk1')
    expect((await clerk.patch(`/api/hall/centers/${d.center.id}`, { opens: '08:00' })).statusCode).toBe(403)
    const admin = await t.login('admin')
    const res = await admin.patch(`/api/hall/centers/${d.center.id}`, { opens: '08:30', lunchStarts: '12:00', lunchEnds: '14:00', closes: '17:30' })
    expect(res.statusCode).toBe(200)
    expect(await publicHours(d.center.id)).toBe('工作日 08:30–12:00、14:00–17:30')
  })

  it('a new center has the default hours from its creation on', async () => {
    const admin = await t.login('admin')
    const town = await t.db.selectFrom('centers').select('id').where('code', '=', 'T01').executeTakeFirstOrThrow()
    const res = await admin.post('/api/centers', { code: 'T01V99', name: '新建村服务室', level: 'village', parentId: town.id })
    expect(res.statusCode).toBe(201)
    expect(res.json().hours).toBe('工作日 08:30–12:00、14:00–17:30')
    expect((await get(`/api/public/centers/${res.json().id}/kiosk`)).json()).toMatchObject({ opens: '08:30', lunchStarts: '12:00', closes: '17:30' })
  })
})
