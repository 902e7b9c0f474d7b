// Issue 11 item 2: failed logins throttle (username, address) and the address, never the account everywhere;
// failures and blocks are audit events a manager can list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeTree, makeUser, type TestApp } from '../helpers/app.js'

let t: TestApp
let tree: Awaited<ReturnType<typeof makeTree>>

beforeAll(async () => {
  t = await createTestApp({ config: { lockoutAttempts: 5, lockoutMinutes: 15, ipLockoutAttempts: 8, ipLockoutMinutes: 60 } })
  tree = await makeTree(t.db)
})
afterAll(() => t.close())

const login = (username: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress: ip })

describe('an attacker cannot lock a user out', () => {
  it('five wrong passwords from one address block that address for that user only; the user logs in from elsewhere', async () => {
    const victim = await makeUser(t.db, { roles: ['admin'], centerId: tree.district.id, password: 'Admin-Right-1' })
    for (let i = 0; i < 4; i++) expect((await login(victim.username, `wrong-${i}`, '10.66.0.1')).statusCode).toBe(401)
    const fifth = await login(victim.username, 'wrong-5', '10.66.0.1')
    expect(fifth.statusCode).toBe(429)
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0)
    expect((await login(victim.username, 'Admin-Right-1', '10.66.0.1')).statusCode).toBe(429) // the attacker's address stays blocked
    const real = await login(victim.username, 'Admin-Right-1', '10.1.0.5') // on today's main: 429 for 15 minutes
    expect(real.statusCode).toBe(200)
  })

  it('blocks grow: each further failure after a block doubles it', async () => {
    const u = await makeUser(t.db, { roles: ['clerk'], centerId: tree.townA.id })
    const ip = '10.66.0.2'
    for (let i = 0; i < 5; i++) await login(u.username, `bad-${i}`, ip)
    const key = `${u.username.toLowerCase()}@${ip}`
    const first = await t.db.selectFrom('login_throttles').selectAll().where('key', '=', key).executeTakeFirstOrThrow()
    // The block ends; the next failure blocks for twice as long.
    await t.db.updateTable('login_throttles').set({ blocked_until: new Date(Date.now() - 1000) }).where('key', '=', key).execute()
    expect((await login(u.username, 'bad-6', ip)).statusCode).toBe(429)
    const second = await t.db.selectFrom('login_throttles').selectAll().where('key', '=', key).executeTakeFirstOrThrow()
    const secondsOf = (r: typeof first) => (new Date(r.blocked_until!).getTime() - new Date(r.updated_at).getTime()) / 1000
    expect(first.failures).toBe(5)
    expect(second.failures).toBe(6)
    expect(Math.round(secondsOf(first))).toBe(60)
    expect(Math.round(secondsOf(second))).toBe(120)
  })

  it('an address that tries many usernames is blocked for all of them, other addresses are not', async () => {
    const u = await makeUser(t.db, { roles: ['clerk'], centerId: tree.townA.id, password: 'Clerk-Right-1' })
    const ip = '10.66.0.3'
    const codes = []
    for (let i = 0; i < 8; i++) codes.push((await login(`random-${i}-${Math.random()}`, 'x-1', ip)).statusCode)
    expect(codes.slice(0, 7)).toEqual(Array(7).fill(401))
    expect(codes[7]).toBe(429)
    expect((await login(u.username, 'Clerk-Right-1', ip)).statusCode).toBe(429) // blocked before any password check
    expect((await login(u.username, 'Clerk-Right-1', '10.1.0.6')).statusCode).toBe(200)
  })

  it('a success clears the (username, address) count', async () => {
    const u = await makeUser(t.db, { roles: ['clerk'], centerId: tree.townA.id, password: 'Clerk-Right-2' })
    const ip = '10.66.0.4'
    for (let i = 0; i < 4; i++) await login(u.username, `bad-${i}`, ip)
    expect((await login(u.username, 'Clerk-Right-2', ip)).statusCode).toBe(200)
    expect((await login(u.username, 'bad-again', ip)).statusCode).toBe(401) // counting starts again
  })
})

describe('failed logins and blocks are audit events a manager sees', () => {
  it('lists login.failed and login.locked with username and address, within the jurisdiction', async () => {
    const victim = await makeUser(t.db, { roles: ['clerk'], centerId: tree.townA.id })
    for (let i = 0; i < 5; i++) await login(victim.username, `bad-${i}`, '10.66.0.9')
    const townManager = await makeUser(t.db, { roles: ['manager'], centerId: tree.townA.id, password: 'Manager-Pass-1' })
    const sibling = await makeUser(t.db, { roles: ['manager'], centerId: tree.townB.id, password: 'Manager-Pass-2' })
    const admin = await makeUser(t.db, { roles: ['admin'], centerId: tree.district.id, password: 'Admin-Pass-3' })
    const m = await t.login(townManager.username, 'Manager-Pass-1')

    const res = await m.get(`/api/security/login-events?username=${victim.username}`)
    expect(res.statusCode).toBe(200)
    const events = res.json().events as { action: string; username: string; ip: string; knownUser: boolean; scope: string | null; seconds: number | null }[]
    expect(events.filter((e) => e.action === 'login.failed')).toHaveLength(5)
    expect(events[0]).toMatchObject({ action: 'login.locked', username: victim.username.toLowerCase(), ip: '10.66.0.9', knownUser: true, scope: 'user_ip', seconds: 60 })

    const other = await (await t.login(sibling.username, 'Manager-Pass-2')).get(`/api/security/login-events?username=${victim.username}`)
    expect(other.json().events).toEqual([]) // a sibling town's manager does not see them

    await login('no-such-user-x', 'whatever-1', '10.66.0.10')
    const seenByManager = (await m.get('/api/security/login-events?username=no-such-user-x')).json().events
    expect(seenByManager).toEqual([])
    const seenByAdmin = (await (await t.login(admin.username, 'Admin-Pass-3')).get('/api/security/login-events?username=no-such-user-x')).json().events
    expect(seenByAdmin).toEqual([expect.objectContaining({ action: 'login.failed', knownUser: false, ip: '10.66.0.10' })])
  })

  it('pages by id', async () => {
    const admin = await makeUser(t.db, { roles: ['admin'], centerId: tree.district.id, password: 'Admin-Pass-4' })
    const a = await t.login(admin.username, 'Admin-Pass-4')
    const first = (await a.get('/api/security/login-events?limit=2')).json()
    expect(first.events).toHaveLength(2)
    const second = (await a.get(`/api/security/login-events?limit=2&before=${first.nextBefore}`)).json()
    expect(second.events[0].id).toBeLessThan(first.events[1].id)
  })

  describe('permissions', () => {
    it('a clerk gets 403, nobody signed in 401, a bad parameter 400', async () => {
      const clerk = await makeUser(t.db, { roles: ['clerk'], centerId: tree.townA.id, password: 'Clerk-Pass-5' })
      const c = await t.login(clerk.username, 'Clerk-Pass-5')
      expect((await c.get('/api/security/login-events')).statusCode).toBe(403)
      expect((await t.app.inject({ url: '/api/security/login-events' })).statusCode).toBe(401)
      const bad = await c.get('/api/security/login-events?limit=0')
      expect(bad.statusCode).toBe(400)
    })
  })
})
