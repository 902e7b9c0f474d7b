// Centers on the demo district: list, create, update, retire, with the stored rows, the audit and the refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../src/features/audit/audit.repository.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let admin: Client, donggou: Client, liangzi: Client, clerk: Client
const ids: Record<string, { id: number; path: string }> = {}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  for (const c of await t.db.selectFrom('centers').select(['id', 'code', 'path']).execute()) ids[c.code] = c
  ;[admin, donggou, liangzi, clerk] = await Promise.all(
    ['admin', 'donggou.manager', 'liangzi.manager', 'district.clerk1'].map((u) => t.login(u)),
  )
})
afterAll(() => t.close())

let seq = 0
const newVillage = (client: Client, parent = 'T01', extra: object = {}) =>
  client.post('/api/centers', { code: `NV${++seq}`, name: `新建村${seq}便民服务室`, level: 'village', parentId: ids[parent].id, ...extra })

describe('GET /api/centers', () => {
  it('lists the whole network for the district, district first, with window and staff counts', async () => {
    const res = await admin.get('/api/centers')
    expect(res.statusCode).toBe(200)
    const centers = res.json().centers
    expect(centers).toHaveLength(92)
    expect(centers.map((c: { level: string }) => c.level).slice(0, 7)).toEqual(['district', 'town', 'town', 'town', 'town', 'town', 'village'])
    const d01 = centers[0]
    expect(d01).toMatchObject({ code: 'D01', parentId: null, parentName: null, status: 'active', windowCount: 9 })
    expect(d01.staffCount).toBeGreaterThanOrEqual(10) // 8 clerks, 2 managers, admin, supervisor, approvers
    const v = centers.find((c: { code: string }) => c.code === 'T01V01')
    expect(v).toMatchObject({ level: 'village', parentId: ids.T01.id, parentName: '东沟镇便民服务中心', windowCount: 1, staffCount: 1 })
  })

  it('filters by level and parent', async () => {
    const towns = (await admin.get('/api/centers?level=town')).json().centers
    expect(towns.map((c: { code: string }) => c.code)).toEqual(['T01', 'T02', 'T03', 'T04', 'T05'])
    const under = (await admin.get(`/api/centers?parentId=${ids.T01.id}`)).json().centers
    expect(under.length).toBe(18)
    expect(under.every((c: { parentId: number }) => c.parentId === ids.T01.id)).toBe(true)
  })

  it('answers 404 for an unknown center', async () => {
    expect((await admin.get('/api/centers/999999')).statusCode).toBe(404)
  })
})

describe('POST /api/centers', () => {
  it('creates a village room under a town, with its path and an audit event', async () => {
    const res = await newVillage(donggou, 'T01', { address: '东沟镇新村', phone: '027-1' })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({ level: 'village', parentId: ids.T01.id, address: '东沟镇新村', status: 'active', windowCount: 0, staffCount: 0 })
    // its hours are the hall's default until 大厅设置 changes them (one source: hall_settings)
    expect(body.hours).toBe('工作日 08:30–12:00、14:00–17:30')
    const row = await t.db.selectFrom('centers').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow()
    expect(row.path).toBe(`${ids.T01.path}${body.id}/`)
    const audit = await listAudit(t.db, 'center', body.id)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'center.create', center_id: body.id })
    expect(audit[0].data).toMatchObject({ code: body.code, parentId: ids.T01.id, level: 'village' })
  })

  it('lets the district create a town center', async () => {
    const res = await admin.post('/api/centers', { code: 'T06', name: '新港镇便民服务中心', level: 'town', parentId: ids.D01.id })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ level: 'town', parentName: '区行政服务中心' })
  })

  it('names every bad field', async () => {
    const res = await admin.post('/api/centers', { code: 'bad code', level: 'city', parentId: 0, color: 'red' })
    expect(res.statusCode).toBe(400)
    const fields = res.json().error.details.map((d: { field: string }) => d.field)
    expect(fields).toEqual(expect.arrayContaining(['body.code', 'body.name', 'body.level', 'body.parentId', 'body.color']))
    const blank = await newVillage(admin, 'T01', { name: '   ', address: 'a\u0000b' }) // NUL would make PostgreSQL fail
    expect(blank.statusCode).toBe(400)
    expect(blank.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.name', 'body.address'])
  })

  it('refuses a district, and a parent that is not exactly one level up', async () => {
    const district = await admin.post('/api/centers', { code: 'D02', name: '另一个区', level: 'district', parentId: ids.D01.id })
    expect(district.statusCode).toBe(400)
    expect(district.json().error.details.map((d: { field: string }) => d.field)).toContain('body.level')
    const villageUnderDistrict = await newVillage(admin, 'D01')
    expect(villageUnderDistrict.statusCode).toBe(400)
    expect(villageUnderDistrict.json().error.details[0].field).toBe('body.parentId')
    const townUnderTown = await admin.post('/api/centers', { code: 'TT1', name: '镇下镇', level: 'town', parentId: ids.T01.id })
    expect(townUnderTown.statusCode).toBe(400)
  })

  it('refuses an unknown or retired parent (400) and a duplicate code (409)', async () => {
    const unknown = await admin.post('/api/centers', { code: 'X1', name: '某村', level: 'village', parentId: 999999 })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error.details[0].field).toBe('body.parentId')
    const dup = await admin.post('/api/centers', { code: 'T01V01', name: '重复', level: 'village', parentId: ids.T01.id })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.code).toBe('duplicate_center_code')
  })
})

describe('PATCH /api/centers/:id', () => {
  it('updates the given fields and audits only what changed', async () => {
    const created = (await newVillage(donggou)).json()
    const res = await donggou.patch(`/api/centers/${created.id}`, { name: created.name, phone: '027-8888', note: '全天' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ phone: '027-8888', note: '全天' })
    const audit = await listAudit(t.db, 'center', created.id)
    expect(audit.map((a) => a.action)).toEqual(['center.create', 'center.update'])
    expect(audit[1].data).toEqual({ phone: '027-8888', note: '全天' })
    // hours are not free text on the center any more: they are set on the hall's settings
    expect((await donggou.patch(`/api/centers/${created.id}`, { hours: '全天' })).statusCode).toBe(400)
  })

  it('refuses an empty patch, an unknown field and a taken code', async () => {
    expect((await admin.patch(`/api/centers/${ids.T01V02.id}`, {})).statusCode).toBe(400)
    const extra = await admin.patch(`/api/centers/${ids.T01V02.id}`, { level: 'town' })
    expect(extra.statusCode).toBe(400)
    expect(extra.json().error.details[0].field).toBe('body.level')
    const taken = await admin.patch(`/api/centers/${ids.T01V02.id}`, { code: 'T01V03' })
    expect(taken.statusCode).toBe(409)
  })
})

describe('POST /api/centers/:id/retire', () => {
  it('retires an unused center, audits it, and drops it from the public list', async () => {
    const created = (await newVillage(donggou)).json()
    const res = await donggou.post(`/api/centers/${created.id}/retire`)
    expect(res.statusCode).toBe(200)
    expect(res.json().status).toBe('retired')
    const audit = await listAudit(t.db, 'center', created.id)
    expect(audit.at(-1)).toMatchObject({ action: 'center.retire' })
    const pub = (await t.app.inject({ method: 'GET', url: '/api/public/centers' })).json().centers
    expect(pub.find((c: { id: number }) => c.id === created.id)).toBeUndefined()
    expect((await donggou.get(`/api/centers?status=retired`)).json().centers.map((c: { id: number }) => c.id)).toContain(created.id)
  })

  it('refuses a center that still has windows, staff or child centers, with the reason and counts', async () => {
    const village = await donggou.post(`/api/centers/${ids.T01V01.id}/retire`)
    expect(village.statusCode).toBe(409)
    expect(village.json().error).toMatchObject({ code: 'center_in_use', details: { windows: 1, staff: 1, children: 0 } })
    expect(village.json().error.message).toMatch(/1 个窗口/)
    const town = await admin.post(`/api/centers/${ids.T02.id}/retire`)
    expect(town.statusCode).toBe(409)
    expect(town.json().error.details.children).toBeGreaterThan(0)
    const row = await t.db.selectFrom('centers').select('status').where('id', '=', ids.T01V01.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('active')
  })

  it('refuses to retire the actor\'s own center', async () => {
    expect((await admin.post(`/api/centers/${ids.D01.id}/retire`)).statusCode).toBe(403)
  })
})

describe('permissions', () => {
  it('a town manager sees only its own town and villages', async () => {
    const res = await donggou.get('/api/centers')
    expect(res.statusCode).toBe(200)
    const centers = res.json().centers as { code: string }[]
    expect(centers[0].code).toBe('T01')
    expect(centers.every((c) => c.code.startsWith('T01') || c.code.startsWith('NV'))).toBe(true)
    expect(centers.some((c) => c.code === 'T02' || c.code === 'D01')).toBe(false)
  })

  it('a town manager gets 403 on a sibling town and on the district', async () => {
    for (const res of [
      await donggou.get(`/api/centers/${ids.T02.id}`),
      await donggou.get(`/api/centers?parentId=${ids.T02.id}`),
      await donggou.patch(`/api/centers/${ids.T02.id}`, { phone: '1' }),
      await donggou.patch(`/api/centers/${ids.D01.id}`, { phone: '1' }),
      await donggou.post(`/api/centers/${ids.T02V01.id}/retire`),
      await newVillage(donggou, 'T02'),
      await donggou.post('/api/centers', { code: 'T07', name: '镇', level: 'town', parentId: ids.D01.id }),
    ]) {
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('outside_jurisdiction')
    }
    expect((await liangzi.patch(`/api/centers/${ids.T01V05.id}`, { phone: '1' })).statusCode).toBe(403)
  })

  it('a clerk reads but cannot write; nobody reads without logging in', async () => {
    expect((await clerk.get('/api/centers')).statusCode).toBe(200)
    const write = await newVillage(clerk)
    expect(write.statusCode).toBe(403)
    expect(write.json().error.code).toBe('forbidden')
    expect((await clerk.patch(`/api/centers/${ids.T01V02.id}`, { phone: '1' })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/centers' })).statusCode).toBe(401)
  })
})
