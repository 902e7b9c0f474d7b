// Departments on the demo district: list, create (level from the center), 应进必进 flags, retire, refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../src/features/audit/audit.repository.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let admin: Client, donggou: Client, liangzi: Client, clerk: Client
const center: Record<string, number> = {}
const dept: Record<string, number> = {}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  for (const c of await t.db.selectFrom('centers').select(['id', 'code']).execute()) center[c.code] = c.id
  for (const d of await t.db.selectFrom('departments').select(['id', 'code']).execute()) dept[d.code] = d.id
  ;[admin, donggou, liangzi, clerk] = await Promise.all(
    ['admin', 'donggou.manager', 'liangzi.manager', 'district.clerk1'].map((u) => t.login(u)),
  )
})
afterAll(() => t.close())

let seq = 0
const create = (client: Client, centerCode: string, extra: object = {}) =>
  client.post('/api/departments', { code: `T-NEW-${++seq}`, name: `新部门${seq}`, centerId: center[centerCode], ...extra })

describe('GET /api/departments', () => {
  it('lists the district units with their 应进必进 flags and counts', async () => {
    const res = await admin.get(`/api/departments?centerId=${center.D01}&required=true`)
    expect(res.statusCode).toBe(200)
    const list = res.json().departments
    expect(list).toHaveLength(16)
    expect(list.filter((d: { enteredOn: string | null }) => d.enteredOn !== null)).toHaveLength(9)
    const mz = list.find((d: { code: string }) => d.code === 'D-MZ')
    expect(mz).toMatchObject({ name: '区民政局', level: 'district', centerName: '区行政服务中心', required: true, enteredOn: '2025-05-12', windowCount: 1, itemCount: 11 })
    const ga = list.find((d: { code: string }) => d.code === 'D-GA')
    expect(ga).toMatchObject({ enteredOn: null, windowCount: 0, itemCount: 0 })
  })

  it('a town manager sees only its own town\'s departments', async () => {
    const list = (await donggou.get('/api/departments')).json().departments as { centerId: number }[]
    expect(list.length).toBeGreaterThan(0)
    expect(list.every((d) => d.centerId === center.T01)).toBe(true)
  })
})

describe('POST /api/departments', () => {
  it('creates a department with the level of its center, and audits it', async () => {
    const res = await donggou.post('/api/departments', {
      code: 'T01-AJ', name: '东沟镇安监站', shortName: '安监', centerId: center.T01, required: true, phone: '027-1234',
    })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({ code: 'T01-AJ', level: 'town', centerId: center.T01, required: true, enteredOn: null, windowCount: 0, itemCount: 0 })
    const row = await t.db.selectFrom('departments').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ level: 'town', short_name: '安监', status: 'active' })
    const audit = await listAudit(t.db, 'department', body.id)
    expect(audit[0]).toMatchObject({ action: 'department.create', center_id: center.T01 })
    expect(audit[0].data).toMatchObject({ code: 'T01-AJ', level: 'town' })
  })

  it('names every bad field, including an impossible date', async () => {
    const res = await admin.post('/api/departments', { code: '', centerId: 'x', required: 'maybe', enteredOn: '2025-13-01' })
    expect(res.statusCode).toBe(400)
    const fields = res.json().error.details.map((d: { field: string }) => d.field)
    expect(fields).toEqual(expect.arrayContaining(['body.code', 'body.name', 'body.centerId', 'body.required', 'body.enteredOn']))
    const feb30 = await create(admin, 'D01', { enteredOn: '2025-02-30' })
    expect(feb30.statusCode).toBe(400)
    expect(feb30.json().error.details).toEqual([{ field: 'body.enteredOn', message: expect.any(String) }])
  })

  it('refuses a duplicate code (409) and an unknown center (400)', async () => {
    const dup = await admin.post('/api/departments', { code: 'D-MZ', name: '重复', centerId: center.D01 })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.code).toBe('duplicate_department_code')
    const unknown = await admin.post('/api/departments', { code: 'Z-1', name: '某部门', centerId: 999999 })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error.details[0].field).toBe('body.centerId')
  })
})

describe('PATCH /api/departments/:id', () => {
  it('marks a required unit as entered, and clears it again', async () => {
    const res = await admin.patch(`/api/departments/${dept['D-GA']}`, { enteredOn: '2026-03-02', phone: '027-86652110' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ enteredOn: '2026-03-02', required: true })
    const row = await t.db.selectFrom('departments').select('entered_on').where('id', '=', dept['D-GA']).executeTakeFirstOrThrow()
    expect(row.entered_on).toBe('2026-03-02')
    const audit = await listAudit(t.db, 'department', dept['D-GA'])
    expect(audit.at(-1)).toMatchObject({ action: 'department.update', data: { enteredOn: '2026-03-02' } })
    expect((await admin.patch(`/api/departments/${dept['D-GA']}`, { enteredOn: null })).json().enteredOn).toBeNull()
  })

  it('answers 404 for an unknown department', async () => {
    expect((await admin.patch('/api/departments/999999', { name: '无' })).statusCode).toBe(404)
  })
})

describe('POST /api/departments/:id/retire', () => {
  it('refuses a department that windows serve or that has items, with the counts', async () => {
    const res = await admin.post(`/api/departments/${dept['D-MZ']}/retire`)
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatchObject({ code: 'department_in_use', details: { windows: 1, items: 11 } })
  })

  it('retires an unused department and audits it', async () => {
    const created = (await create(donggou, 'T01')).json()
    const res = await donggou.post(`/api/departments/${created.id}/retire`)
    expect(res.statusCode).toBe(200)
    expect(res.json().status).toBe('retired')
    expect((await listAudit(t.db, 'department', created.id)).map((a) => a.action)).toEqual(['department.create', 'department.retire'])
  })
})

describe('permissions', () => {
  it('a town manager cannot touch a sibling town\'s or the district\'s departments', async () => {
    const t02 = (await liangzi.get('/api/departments')).json().departments[0]
    for (const res of [
      await donggou.get(`/api/departments/${t02.id}`),
      await donggou.get(`/api/departments?centerId=${center.T02}`),
      await donggou.patch(`/api/departments/${t02.id}`, { phone: '1' }),
      await donggou.post(`/api/departments/${t02.id}/retire`),
      await donggou.patch(`/api/departments/${dept['D-GA']}`, { enteredOn: '2026-01-05' }),
      await create(donggou, 'T02'),
      await create(donggou, 'D01'),
    ]) {
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('outside_jurisdiction')
    }
  })

  it('a clerk reads but cannot write', async () => {
    expect((await clerk.get('/api/departments')).statusCode).toBe(200)
    expect((await create(clerk, 'D01')).statusCode).toBe(403)
    expect((await clerk.patch(`/api/departments/${dept['D-GA']}`, { required: false })).statusCode).toBe(403)
  })
})

describe('PATCH /api/departments/:id — the law\'s settings (复议机关, court, 复议前置, window refusals)', () => {
  it('an administrator sets them, they are read back and audited; a blank name is refused naming the field', async () => {
    const res = await admin.patch(`/api/departments/${dept['D-MZ']}`, { reviewBody: '市民政局', court: '鄂州市鄂城区人民法院', reviewFirst: true, windowMayRefuse: true })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ reviewBody: '市民政局', court: '鄂州市鄂城区人民法院', reviewFirst: true, windowMayRefuse: true })
    const row = await t.db.selectFrom('departments').select(['review_body', 'court', 'review_first', 'window_may_refuse']).where('id', '=', dept['D-MZ']).executeTakeFirstOrThrow()
    expect(row).toEqual({ review_body: '市民政局', court: '鄂州市鄂城区人民法院', review_first: true, window_may_refuse: true })
    const audit = await listAudit(t.db, 'department', dept['D-MZ'])
    expect(audit.some((a) => a.action === 'department.update' && (a.data as { reviewBody?: string }).reviewBody === '市民政局')).toBe(true)
    const blank = await admin.patch(`/api/departments/${dept['D-MZ']}`, { reviewBody: '   ' })
    expect(blank.statusCode).toBe(400)
    expect(JSON.stringify(blank.json())).toContain('reviewBody')
    // back to the center's default
    expect((await admin.patch(`/api/departments/${dept['D-MZ']}`, { reviewBody: null, court: null, reviewFirst: false })).json()).toMatchObject({ reviewBody: null, court: null, reviewFirst: false })
  })
})
