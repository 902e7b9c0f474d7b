// Issue 11 item 7: every user changes their own password with the current one, under the policy (length, letters
// and digits, not the username, not one of the last five); a manager cannot reset their own password around it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../src/features/audit/audit.repository.js'
import { createTestApp, makeTree, makeUser, type TestApp } from '../helpers/app.js'

let t: TestApp
let tree: Awaited<ReturnType<typeof makeTree>>

beforeAll(async () => {
  t = await createTestApp()
  tree = await makeTree(t.db)
})
afterAll(() => t.close())

const change = (c: { put(url: string, body?: unknown): Promise<{ statusCode: number; json(): any }> }, currentPassword: string, newPassword: string) =>
  c.put('/api/session/password', { currentPassword, newPassword })

describe('PUT /api/session/password', () => {
  it('changes the password: the old one stops working, other sessions and tokens end, this session stays', async () => {
    const u = await makeUser(t.db, { roles: ['clerk'], centerId: tree.townA.id, password: 'First-Pass-1' })
    const here = await t.login(u.username, 'First-Pass-1')
    const elsewhere = await t.login(u.username, 'First-Pass-1')
    const token = (await here.post('/api/tokens', { name: 'x' })).json().token
    const res = await change(here, 'First-Pass-1', 'Second-Pass-2')
    expect(res.statusCode).toBe(204)
    expect((await here.get('/api/session')).statusCode).toBe(200)
    expect((await elsewhere.get('/api/session')).statusCode).toBe(401)
    expect((await t.app.inject({ url: '/api/session', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401)
    await expect(t.login(u.username, 'First-Pass-1')).rejects.toThrow(/401/)
    await t.login(u.username, 'Second-Pass-2')
    expect((await listAudit(t.db, 'user', u.id)).map((e) => e.action)).toContain('password.change')
    expect(await t.db.selectFrom('password_history').select('user_id').where('user_id', '=', u.id).execute()).toHaveLength(1)
  })

  it('refuses a wrong current password (400 naming it, counted as a failed login) and weak or reused new ones', async () => {
    const u = await makeUser(t.db, { roles: ['clerk'], centerId: tree.townA.id, password: 'Start-Pass-1' })
    const c = await t.login(u.username, 'Start-Pass-1')
    const wrong = await change(c, 'not-it-1', 'Other-Pass-9')
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().error.details).toEqual([expect.objectContaining({ field: 'body.currentPassword' })])
    expect((await listAudit(t.db, 'user', u.id)).map((e) => e.action)).toContain('login.failed')

    const cases: [string, RegExp][] = [
      ['short1', /至少 8 位/], ['onlyletters', /字母和数字/], [`${u.username}-9x`, /用户名/], ['Start-Pass-1', /最近 5 次/],
    ]
    for (const [pw, message] of cases) {
      const res = await change(c, 'Start-Pass-1', pw)
      expect(res.statusCode, pw).toBe(400)
      expect(res.json().error.details[0]).toMatchObject({ field: 'body.newPassword', message: expect.stringMatching(message) })
    }
    // The last five are remembered: going back to an earlier one is refused, the sixth-oldest is allowed.
    const steps = ['Pass-No-2', 'Pass-No-3', 'Pass-No-4', 'Pass-No-5', 'Pass-No-6']
    let current = 'Start-Pass-1'
    for (const next of steps) { expect((await change(c, current, next)).statusCode).toBe(204); current = next }
    expect((await change(c, current, 'Pass-No-3')).statusCode).toBe(400)
    expect((await change(c, current, 'Start-Pass-1')).statusCode).toBe(204)
  })

  it('a bearer token cannot change the password (403); no login is 401; extra fields 400', async () => {
    const u = await makeUser(t.db, { roles: ['clerk'], centerId: tree.townA.id, password: 'Token-Pass-1' })
    const c = await t.login(u.username, 'Token-Pass-1')
    const token = (await c.post('/api/tokens', { name: 'x' })).json().token
    const viaToken = await t.app.inject({ method: 'PUT', url: '/api/session/password', headers: { authorization: `Bearer ${token}` }, payload: { currentPassword: 'Token-Pass-1', newPassword: 'Token-Pass-2' } })
    expect(viaToken.statusCode).toBe(403)
    expect((await t.app.inject({ method: 'PUT', url: '/api/session/password', payload: { currentPassword: 'a', newPassword: 'b' } })).statusCode).toBe(401)
    const extra = await c.put('/api/session/password', { currentPassword: 'Token-Pass-1', newPassword: 'Token-Pass-2', username: 'admin' })
    expect(extra.statusCode).toBe(400)
    expect(extra.json().error.details[0].field).toBe('body.username')
  })
})

describe('a manager resetting their own password goes through the change path', () => {
  it('POST /api/staff/<own id>/password is 403 and changes nothing', async () => {
    const m = await makeUser(t.db, { roles: ['manager'], centerId: tree.townA.id, password: 'Manager-Pass-1' })
    const c = await t.login(m.username, 'Manager-Pass-1')
    const res = await c.post(`/api/staff/${m.id}/password`, { password: 'Sneaky-Pass-2' })
    expect(res.statusCode).toBe(403)
    await t.login(m.username, 'Manager-Pass-1')
    expect((await change(c, 'Manager-Pass-1', 'Proper-Pass-2')).statusCode).toBe(204)
  })

  it('a reset follows the same policy: not the username, not a recent password', async () => {
    const m = await makeUser(t.db, { roles: ['manager'], centerId: tree.townA.id, password: 'Manager-Pass-3' })
    const c = await t.login(m.username, 'Manager-Pass-3')
    const clerk = await makeUser(t.db, { roles: ['clerk'], centerId: tree.townA.id, password: 'Clerk-Old-1' })
    expect((await c.post(`/api/staff/${clerk.id}/password`, { password: 'Clerk-Old-1' })).statusCode).toBe(400)
    expect((await c.post(`/api/staff/${clerk.id}/password`, { password: `${clerk.username}1a` })).statusCode).toBe(400)
    expect((await c.post(`/api/staff/${clerk.id}/password`, { password: 'Clerk-New-2' })).statusCode).toBe(204)
  })
})
