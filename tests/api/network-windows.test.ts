// Windows on the demo district: departments of the same center, items offered there, an AB岗 stand-in
// from the same staff, unique numbers, retire rules, and jurisdiction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../src/features/audit/audit.repository.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let admin: Client, donggou: Client, liangzi: Client, clerk: Client
const center: Record<string, number> = {}
const dept: Record<string, number> = {}
const user: Record<string, number> = {}
let townItems: number[] // offered at T01
let districtOnlyItem: number // offered at D01, not at the village T01V01

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  for (const c of await t.db.selectFrom('centers').select(['id', 'code']).execute()) center[c.code] = c.id
  for (const d of await t.db.selectFrom('departments').select(['id', 'code']).execute()) dept[d.code] = d.id
  for (const u of await t.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id
  const offered = (c: string) => t.db.selectFrom('item_offerings').select('item_id').where('center_id', '=', center[c]).orderBy('item_id').execute()
  townItems = (await offered('T01')).slice(0, 2).map((r) => r.item_id)
  const atVillage = new Set((await offered('T01V01')).map((r) => r.item_id))
  districtOnlyItem = (await offered('D01')).map((r) => r.item_id).find((id) => !atVillage.has(id))!
  ;[admin, donggou, liangzi, clerk] = await Promise.all(
    ['admin', 'donggou.manager', 'liangzi.manager', 'district.clerk1'].map((u) => t.login(u)),
  )
})
afterAll(() => t.close())

const newWindow = (client: Client, body: object) => client.post('/api/windows', { centerId: center.T01, number: '6', name: '综合受理', ...body })

describe('GET /api/windows', () => {
  it('lists a center\'s windows with departments, items, stand-in and seated staff', async () => {
    const res = await admin.get(`/api/windows?centerId=${center.D01}`)
    expect(res.statusCode).toBe(200)
    const list = res.json().windows
    expect(list.map((w: { number: string }) => w.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9'])
    const mz = list.find((w: { number: string }) => w.number === '4')
    expect(mz).toMatchObject({ name: '民政局窗口', status: 'open', departments: [{ id: dept['D-MZ'], name: '区民政局' }] })
    expect(mz.staff).toEqual([{ id: user['district.clerk4'], name: expect.any(String) }])
    expect(mz.standIn).toEqual({ id: user['district.clerk3'], name: expect.any(String) })
  })
})

describe('POST /api/windows', () => {
  it('creates a window with its departments, items and stand-in, and audits it', async () => {
    const res = await newWindow(donggou, {
      departmentIds: [dept['T01-MZ'], dept['T01-LB']], itemIds: townItems, standInUserId: user['donggou.clerk1'],
    })
    expect(res.statusCode).toBe(201)
    const w = res.json()
    expect(w).toMatchObject({ centerId: center.T01, number: '6', status: 'open', itemIds: [...townItems].sort((a, b) => a - b), staff: [] })
    expect(w.departments.map((d: { id: number }) => d.id).sort()).toEqual([dept['T01-MZ'], dept['T01-LB']].sort())
    expect(w.standIn.id).toBe(user['donggou.clerk1'])
    const links = await t.db.selectFrom('window_departments').select('department_id').where('window_id', '=', w.id).execute()
    expect(links).toHaveLength(2)
    const audit = await listAudit(t.db, 'window', w.id)
    expect(audit[0]).toMatchObject({ action: 'window.create', center_id: center.T01, data: { number: '6', itemIds: townItems } })
  })

  it('refuses a number already used in the center with 409', async () => {
    const res = await newWindow(donggou, { number: '1' })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('duplicate_window_number')
  })

  it('names every bad link: a department of another center, an item not offered there, a foreign stand-in', async () => {
    const res = await newWindow(donggou, {
      number: '7', departmentIds: [dept['D-MZ']], itemIds: [districtOnlyItem, 999999], standInUserId: user['liangzi.clerk1'],
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.departmentIds', 'body.itemIds', 'body.standInUserId'])
  })

  it('refuses a district-only item at a village window (400 on itemIds)', async () => {
    const res = await donggou.post('/api/windows', { centerId: center.T01V01, number: '2', name: '代办二', itemIds: [districtOnlyItem] })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details).toEqual([{ field: 'body.itemIds', message: expect.stringContaining(String(districtOnlyItem)) }])
  })

  it('names every bad field of the body', async () => {
    const res = await donggou.post('/api/windows', { centerId: 0, number: '', status: 'retired', departmentIds: ['x'], floor: 2 })
    expect(res.statusCode).toBe(400)
    const fields = res.json().error.details.map((d: { field: string }) => d.field)
    expect(fields).toEqual(expect.arrayContaining(['body.centerId', 'body.number', 'body.name', 'body.status', 'body.departmentIds.0', 'body.floor']))
  })
})

describe('PATCH /api/windows/:id and retire', () => {
  it('updates name, status and links, auditing only what changed', async () => {
    const w = (await newWindow(donggou, { number: '8', departmentIds: [dept['T01-MZ']] })).json()
    const res = await donggou.patch(`/api/windows/${w.id}`, { name: '民政综合', status: 'paused', departmentIds: [dept['T01-MZ']], itemIds: townItems.slice(0, 1) })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ name: '民政综合', status: 'paused', itemIds: townItems.slice(0, 1) })
    const audit = await listAudit(t.db, 'window', w.id)
    expect(audit.at(-1)).toMatchObject({ action: 'window.update', data: { name: '民政综合', status: 'paused', itemIds: townItems.slice(0, 1) } })
    expect(audit.at(-1)!.data).not.toHaveProperty('departmentIds')
    const dup = await donggou.patch(`/api/windows/${w.id}`, { number: '1' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.code).toBe('duplicate_window_number')
  })

  it('refuses to retire a window where staff sit, then retires it once they leave, freeing its number', async () => {
    const w = (await newWindow(donggou, { number: '9' })).json()
    await t.db.updateTable('users').set({ window_id: w.id }).where('id', '=', user['donggou.clerk5']).execute()
    const busy = await donggou.post(`/api/windows/${w.id}/retire`)
    expect(busy.statusCode).toBe(409)
    expect(busy.json().error).toMatchObject({ code: 'window_in_use', details: { staff: 1 } })
    await t.db.updateTable('users').set({ window_id: null }).where('id', '=', user['donggou.clerk5']).execute()
    const done = await donggou.post(`/api/windows/${w.id}/retire`)
    expect(done.statusCode).toBe(200)
    expect(done.json().status).toBe('retired')
    expect((await listAudit(t.db, 'window', w.id)).at(-1)!.action).toBe('window.retire')
    expect((await newWindow(donggou, { number: '9' })).statusCode).toBe(201)
    expect((await donggou.patch(`/api/windows/${w.id}`, { status: 'open' })).statusCode).toBe(409)
  })

  it('answers 404 for an unknown window', async () => {
    expect((await admin.patch('/api/windows/999999', { name: 'x' })).statusCode).toBe(404)
    expect((await admin.post('/api/windows/999999/retire')).statusCode).toBe(404)
  })
})

describe('permissions', () => {
  it('a town manager manages its villages\' windows', async () => {
    const res = await donggou.post('/api/windows', { centerId: center.T01V02, number: '2', name: '代办二' })
    expect(res.statusCode).toBe(201)
  })

  it('a town manager gets 403 on a sibling town\'s and the district\'s windows', async () => {
    const t02 = (await liangzi.get(`/api/windows?centerId=${center.T02}`)).json().windows[0]
    for (const res of [
      await donggou.get(`/api/windows/${t02.id}`),
      await donggou.get(`/api/windows?centerId=${center.T02}`),
      await donggou.patch(`/api/windows/${t02.id}`, { name: '改名' }),
      await donggou.post(`/api/windows/${t02.id}/retire`),
      await donggou.post('/api/windows', { centerId: center.T02, number: '20', name: '越权' }),
      await donggou.post('/api/windows', { centerId: center.D01, number: '20', name: '越权' }),
    ]) {
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('outside_jurisdiction')
    }
    const mine = (await donggou.get('/api/windows')).json().windows as { centerId: number }[]
    expect(mine.some((w) => w.centerId === center.T02 || w.centerId === center.D01)).toBe(false)
  })

  it('a clerk reads but cannot write', async () => {
    expect((await clerk.get('/api/windows')).statusCode).toBe(200)
    expect((await clerk.post('/api/windows', { centerId: center.D01, number: '10', name: '新窗口' })).statusCode).toBe(403)
  })
})
