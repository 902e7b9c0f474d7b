// Staff accounts on the demo district: create with a hashed password, seat at a window, change roles and
// centers (sessions see it at once), reset passwords, retire (sessions end), and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../src/features/audit/audit.repository.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let admin: Client, manager: Client, donggou: Client, liangzi: Client, clerk: Client
const center: Record<string, number> = {}
const user: Record<string, number> = {}
const windowOf = async (code: string, number: string) =>
  (await t.db.selectFrom('windows').select('id').where('center_id', '=', center[code]).where('number', '=', number).executeTakeFirstOrThrow()).id

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  for (const c of await t.db.selectFrom('centers').select(['id', 'code']).execute()) center[c.code] = c.id
  for (const u of await t.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id
  ;[admin, manager, donggou, liangzi, clerk] = await Promise.all(
    ['admin', 'district.manager1', 'donggou.manager', 'liangzi.manager', 'district.clerk1'].map((u) => t.login(u)),
  )
})
afterAll(() => t.close())

let seq = 0
const newStaff = (client: Client, extra: object = {}) =>
  client.post('/api/staff', { username: `staff.${++seq}`, name: `新人${seq}`, password: 'Strong-Pass-1', roles: ['clerk'], centerId: center.T01, ...extra })

describe('GET /api/staff', () => {
  it('lists a center\'s staff with their windows and never a password hash', async () => {
    const res = await admin.get(`/api/staff?centerId=${center.T01}&role=clerk`)
    expect(res.statusCode).toBe(200)
    const staff = res.json().staff
    expect(staff).toHaveLength(5)
    expect(staff[0]).toMatchObject({ username: 'donggou.clerk1', roles: ['clerk'], centerName: '东沟镇便民服务中心', windowName: '司法信访', status: 'active' })
    expect(res.body).not.toMatch(/argon2|password/i)
  })
})

describe('POST /api/staff', () => {
  it('creates an account with a hashed password that can log in, and audits it without the password', async () => {
    const w = await windowOf('T01', '3')
    const res = await newStaff(donggou, { username: 'Donggou.Clerk9', windowId: w, phone: '13800000000' })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({ username: 'Donggou.Clerk9', centerId: center.T01, windowId: w, windowName: '劳动保障', phone: '13800000000' })
    expect(body).not.toHaveProperty('password')
    const row = await t.db.selectFrom('users').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
    const audit = await listAudit(t.db, 'user', body.id)
    expect(audit[0]).toMatchObject({ action: 'staff.create', center_id: center.T01 })
    expect(JSON.stringify(audit[0].data)).not.toContain('Strong-Pass-1')
    const me = await (await t.login('donggou.clerk9', 'Strong-Pass-1')).get('/api/session')
    expect(me.json()).toMatchObject({ windowId: w, roles: ['clerk'] })
  })

  it('refuses a taken username whatever its case (409)', async () => {
    const res = await newStaff(donggou, { username: 'DONGGOU.clerk1' })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('duplicate_username')
  })

  it('names every bad field, and refuses a weak password and a window of another center', async () => {
    const bad = await donggou.post('/api/staff', { username: 'a b', roles: ['boss'], centerId: center.T01, pin: 1 })
    expect(bad.statusCode).toBe(400)
    const fields = bad.json().error.details.map((d: { field: string }) => d.field)
    expect(fields).toEqual(expect.arrayContaining(['body.username', 'body.name', 'body.password', 'body.roles.0', 'body.pin']))
    const weak = await newStaff(donggou, { password: 'short' })
    expect(weak.statusCode).toBe(400)
    expect(weak.json().error.details[0].field).toBe('body.password')
    const seat = await newStaff(donggou, { windowId: await windowOf('T02', '1') })
    expect(seat.statusCode).toBe(400)
    expect(seat.json().error.details[0].field).toBe('body.windowId')
  })
})

describe('PATCH /api/staff/:id', () => {
  it('changes roles and seat; the account\'s live session sees it at once', async () => {
    const created = (await newStaff(donggou, { username: 'roles.change' })).json()
    const session = await t.login('roles.change', 'Strong-Pass-1')
    expect((await session.get('/api/session')).json().roles).toEqual(['clerk'])
    const w = await windowOf('T01', '2')
    const res = await donggou.patch(`/api/staff/${created.id}`, { roles: ['clerk', 'approver'], windowId: w, name: created.name })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ roles: ['clerk', 'approver'], windowId: w })
    expect((await session.get('/api/session')).json()).toMatchObject({ roles: ['clerk', 'approver'], windowId: w })
    const audit = await listAudit(t.db, 'user', created.id)
    expect(audit.at(-1)).toMatchObject({ action: 'staff.update', data: { roles: ['clerk', 'approver'], windowId: w } })
  })

  it('moves an account to a village room, leaving its old window and stand-in duty', async () => {
    const res = await donggou.patch(`/api/staff/${user['donggou.clerk2']}`, { centerId: center.T01V03 })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ centerId: center.T01V03, windowId: null })
    const standIn = await t.db.selectFrom('windows').select('id').where('stand_in_user_id', '=', user['donggou.clerk2']).execute()
    expect(standIn).toEqual([])
    expect((await listAudit(t.db, 'user', user['donggou.clerk2'])).at(-1)!.data).toMatchObject({ centerId: center.T01V03, windowId: null })
  })
})

describe('password reset and retire', () => {
  it('resets a password: the old one stops working and sessions end', async () => {
    const created = (await newStaff(donggou, { username: 'reset.me' })).json()
    const session = await t.login('reset.me', 'Strong-Pass-1')
    const res = await donggou.post(`/api/staff/${created.id}/password`, { password: 'Newer-Pass-2' })
    expect(res.statusCode).toBe(204)
    expect((await session.get('/api/session')).statusCode).toBe(401)
    await expect(t.login('reset.me', 'Strong-Pass-1')).rejects.toThrow(/401/)
    await t.login('reset.me', 'Newer-Pass-2')
    const reset = (await listAudit(t.db, 'user', created.id)).find((a) => a.action === 'staff.password_reset')
    expect(reset?.data).toEqual({ tokensRevoked: 0 })
    expect((await donggou.post(`/api/staff/${created.id}/password`, { password: 'weakweak' })).statusCode).toBe(400)
  })

  it('retires an account: it leaves its window, its sessions end, it cannot log in', async () => {
    const w = await windowOf('T01', '4')
    const created = (await newStaff(donggou, { username: 'retire.me', windowId: w })).json()
    const session = await t.login('retire.me', 'Strong-Pass-1')
    const res = await donggou.post(`/api/staff/${created.id}/retire`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'retired', windowId: null })
    expect(await t.db.selectFrom('sessions').select('user_id').where('user_id', '=', created.id).execute()).toEqual([])
    expect((await session.get('/api/session')).statusCode).toBe(401)
    await expect(t.login('retire.me', 'Strong-Pass-1')).rejects.toThrow(/401/)
    expect((await listAudit(t.db, 'user', created.id)).find((a) => a.action === 'staff.retire')).toMatchObject({ data: { windowId: w } })
    expect((await donggou.patch(`/api/staff/${created.id}`, { phone: '1' })).statusCode).toBe(409)
  })

  it('refuses to retire oneself or change one\'s own roles', async () => {
    expect((await donggou.post(`/api/staff/${user['donggou.manager']}/retire`)).statusCode).toBe(403)
    expect((await admin.patch(`/api/staff/${user.admin}`, { roles: ['manager'] })).statusCode).toBe(403)
  })
})

describe('permissions', () => {
  it('a town manager manages its villages\' staff but gets 403 on a sibling town\'s and the district\'s', async () => {
    expect((await newStaff(donggou, { centerId: center.T01V04, roles: ['agent'] })).statusCode).toBe(201)
    for (const res of [
      await newStaff(donggou, { centerId: center.T02 }),
      await newStaff(donggou, { centerId: center.D01 }),
      await donggou.get(`/api/staff/${user['liangzi.clerk1']}`),
      await donggou.patch(`/api/staff/${user['liangzi.clerk1']}`, { phone: '1' }),
      await donggou.post(`/api/staff/${user['liangzi.clerk1']}/password`, { password: 'Hijack-Pass-1' }),
      await donggou.post(`/api/staff/${user['liangzi.clerk1']}/retire`),
      await donggou.patch(`/api/staff/${user['donggou.clerk3']}`, { centerId: center.T02 }),
      await liangzi.patch(`/api/staff/${user['district.clerk2']}`, { phone: '1' }),
    ]) {
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('outside_jurisdiction')
    }
    const seen = (await donggou.get('/api/staff')).json().staff as { centerId: number; username: string }[]
    expect(seen.some((s) => s.username.startsWith('liangzi.') || s.username === 'admin')).toBe(false)
  })

  it('a manager can neither grant admin nor touch an admin account', async () => {
    expect((await newStaff(manager, { centerId: center.D01, roles: ['admin'] })).statusCode).toBe(403)
    expect((await manager.patch(`/api/staff/${user['district.clerk3']}`, { roles: ['admin'] })).statusCode).toBe(403)
    expect((await manager.post(`/api/staff/${user.admin}/password`, { password: 'Taken-Over-1' })).statusCode).toBe(403)
    expect((await newStaff(admin, { centerId: center.D01, roles: ['admin'] })).statusCode).toBe(201)
  })

  it('a clerk reads but cannot write', async () => {
    expect((await clerk.get('/api/staff')).statusCode).toBe(200)
    expect((await newStaff(clerk, { centerId: center.D01 })).statusCode).toBe(403)
    expect((await clerk.post(`/api/staff/${user['district.clerk2']}/password`, { password: 'Clerk-Pass-12' })).statusCode).toBe(403)
  })
})
