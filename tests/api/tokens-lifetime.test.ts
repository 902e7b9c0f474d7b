// Issue 11 item 4: bearer tokens end with a password reset or change and with a role removal; a token cannot mint a
// token that outlives it; every token ends within the maximum lifetime an administrator sets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../src/features/audit/audit.repository.js'
import { createTestApp, makeTree, makeUser, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let tree: Awaited<ReturnType<typeof makeTree>>
let manager: Client, admin: Client

beforeAll(async () => {
  t = await createTestApp()
  tree = await makeTree(t.db)
  const m = await makeUser(t.db, { roles: ['manager'], centerId: tree.townA.id, password: 'Manager-Pass-1' })
  const a = await makeUser(t.db, { roles: ['admin'], centerId: tree.district.id, password: 'Admin-Pass-1' })
  manager = await t.login(m.username, 'Manager-Pass-1')
  admin = await t.login(a.username, 'Admin-Pass-1')
})
afterAll(() => t.close())

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const me = (token: string) => t.app.inject({ url: '/api/session', headers: bearer(token) })

async function clerkWithToken(roles: ('clerk' | 'approver')[] = ['clerk']) {
  const u = await makeUser(t.db, { roles, centerId: tree.townA.id, password: 'Clerk-Pass-1' })
  const c = await t.login(u.username, 'Clerk-Pass-1')
  const made = await c.post('/api/tokens', { name: '对接', expiresInDays: 30 })
  expect(made.statusCode).toBe(201)
  expect((await me(made.json().token)).statusCode).toBe(200)
  return { user: u, client: c, token: made.json().token as string }
}

describe('tokens end with the password and with a role', () => {
  it('a manager\'s password reset ends the clerk\'s bearer tokens (on today\'s main they kept working)', async () => {
    const { user, token } = await clerkWithToken()
    expect((await manager.post(`/api/staff/${user.id}/password`, { password: 'Reset-Pass-22' })).statusCode).toBe(204)
    expect((await me(token)).statusCode).toBe(401)
    const row = await t.db.selectFrom('api_tokens').select('revoked_at').where('user_id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.revoked_at).not.toBeNull()
    expect((await listAudit(t.db, 'user', user.id)).find((e) => e.action === 'staff.password_reset')?.data).toEqual({ tokensRevoked: 1 })
  })

  it('removing a role ends the tokens; adding one does not', async () => {
    const { user, token } = await clerkWithToken(['clerk', 'approver'])
    expect((await manager.patch(`/api/staff/${user.id}`, { roles: ['clerk', 'approver', 'agent'] })).statusCode).toBe(200)
    expect((await me(token)).statusCode).toBe(200)
    expect((await manager.patch(`/api/staff/${user.id}`, { roles: ['clerk'] })).statusCode).toBe(200)
    expect((await me(token)).statusCode).toBe(401)
  })
})

describe('a token cannot outlive the token that made it', () => {
  it('a 1-day token mints tokens ending no later than itself; asking for longer is a 400', async () => {
    const { client } = await clerkWithToken()
    const short = (await client.post('/api/tokens', { name: 'short', expiresInDays: 1 })).json()
    const child = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: bearer(short.token), payload: { name: 'child' } })
    expect(child.statusCode).toBe(201)
    expect(new Date(child.json().expiresAt).getTime()).toBeLessThanOrEqual(new Date(short.expiresAt).getTime())
    expect(child.json().expiresAt).not.toBeNull() // on today's main: null, a token that never expires
    const longer = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: bearer(short.token), payload: { name: 'x', expiresInDays: 30 } })
    expect(longer.statusCode).toBe(400)
    expect(longer.json().error.details[0].field).toBe('body.expiresInDays')
  })
})

describe('the maximum token lifetime', () => {
  it('a token without a lifetime gets the maximum; beyond it is a 400', async () => {
    const { client } = await clerkWithToken()
    const plain = (await client.post('/api/tokens', { name: 'default' })).json()
    const days = (new Date(plain.expiresAt).getTime() - new Date(plain.createdAt).getTime()) / 86400_000
    expect(Math.round(days)).toBe(365)
    const tooLong = await client.post('/api/tokens', { name: 'long', expiresInDays: 400 })
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().error.details[0].field).toBe('body.expiresInDays')
  })

  it('an administrator lowers it: new tokens follow, live tokens are shortened and end', async () => {
    const { user, client, token } = await clerkWithToken()
    await t.db.updateTable('api_tokens').set({ created_at: new Date(Date.now() - 10 * 86400_000) }).where('user_id', '=', user.id).execute()
    const res = await admin.put('/api/security/settings', { maxTokenDays: 7 })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ maxTokenDays: 7 })
    expect(res.json().tokensShortened).toBeGreaterThanOrEqual(1)
    expect((await me(token)).statusCode).toBe(401) // made 10 days ago: past the new 7-day maximum
    expect((await client.post('/api/tokens', { name: 'x', expiresInDays: 8 })).statusCode).toBe(400)
    expect((await admin.get('/api/security/settings')).json().maxTokenDays).toBe(7)
    expect((await listAudit(t.db, 'security_settings', 1))[0]).toMatchObject({ action: 'security.settings' })
    await admin.put('/api/security/settings', { maxTokenDays: 365 })
  })

  describe('permissions', () => {
    it('only an administrator sets it; bad values are 400 naming the field', async () => {
      expect((await manager.put('/api/security/settings', { maxTokenDays: 30 })).statusCode).toBe(403)
      expect((await manager.get('/api/security/settings')).statusCode).toBe(403)
      const bad = await admin.put('/api/security/settings', { maxTokenDays: 0 })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().error.details[0].field).toBe('body.maxTokenDays')
    })
  })
})
