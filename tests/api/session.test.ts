import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeTree, makeUser, type TestApp } from '../helpers/app.js'

let t: TestApp
let user: { id: number; username: string; password: string }
let tree: Awaited<ReturnType<typeof makeTree>>

beforeAll(async () => {
  t = await createTestApp({ config: { lockoutAttempts: 3, lockoutMinutes: 15 } })
  tree = await makeTree(t.db)
  user = await makeUser(t.db, { roles: ['clerk'], centerId: tree.townA.id, password: 'Window-Clerk-1' })
})
afterAll(() => t.close())

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/session', payload: { username, password } })

describe('POST /api/session', () => {
  it('logs in, sets an httpOnly SameSite cookie and returns the user with a CSRF token', async () => {
    const res = await login(user.username, user.password)
    expect(res.statusCode).toBe(200)
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/^yz_session=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    const body = res.json()
    expect(body).toMatchObject({ username: user.username, roles: ['clerk'], centerId: tree.townA.id, centerLevel: 'town' })
    expect(body.csrfToken).toHaveLength(32)
    const stored = await t.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute()
    expect(stored).toHaveLength(1)
    expect(stored[0].id_hash).not.toContain(cookie.split(';')[0].split('=')[1]) // only a hash is stored
    const events = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', String(user.id)).execute()
    expect(events.map((e) => e.action)).toContain('login')
  })

  it('answers the same 401 for an unknown user and for a wrong password', async () => {
    const a = await login('nobody-here', 'whatever-1')
    const b = await login(user.username, 'wrong-password-1')
    expect(a.statusCode).toBe(401)
    expect(b.statusCode).toBe(401)
    expect(a.json()).toEqual(b.json())
    expect(a.json().error.code).toBe('bad_credentials')
  })

  it('locks out after repeated failures with 429, even with the right password, and Retry-After', async () => {
    const victim = await makeUser(t.db, { roles: ['clerk'], centerId: tree.townA.id, password: 'Right-Pass-9' })
    expect((await login(victim.username, 'bad-1')).statusCode).toBe(401)
    expect((await login(victim.username, 'bad-2')).statusCode).toBe(401)
    const third = await login(victim.username, 'bad-3')
    expect(third.statusCode).toBe(429)
    const right = await login(victim.username, 'Right-Pass-9')
    expect(right.statusCode).toBe(429)
    expect(right.json().error.code).toBe('locked_out')
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0)
    const row = await t.db.selectFrom('login_throttles').selectAll().where('scope', '=', 'user_ip').where('key', '=', `${victim.username.toLowerCase()}@127.0.0.1`).executeTakeFirstOrThrow()
    expect(row.blocked_until).not.toBeNull()
  })

  it('names every bad field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: '', extra: 1 } })
    expect(res.statusCode).toBe(400)
    const fields = res.json().error.details.map((d: { field: string }) => d.field)
    expect(fields).toEqual(expect.arrayContaining(['body.username', 'body.password', 'body.extra']))
  })

  it('a retired account cannot log in', async () => {
    const gone = await makeUser(t.db, { roles: ['clerk'], centerId: tree.townA.id, password: 'Gone-Pass-1' })
    await t.db.updateTable('users').set({ status: 'retired' }).where('id', '=', gone.id).execute()
    expect((await login(gone.username, 'Gone-Pass-1')).statusCode).toBe(401)
  })
})

describe('GET and DELETE /api/session', () => {
  it('returns the current user, then 401 after logout', async () => {
    const c = await t.login(user.username, user.password)
    const me = await c.get('/api/session')
    expect(me.statusCode).toBe(200)
    expect(me.json()).toMatchObject({ username: user.username, roles: ['clerk'], centerId: tree.townA.id })
    const out = await c.delete('/api/session')
    expect(out.statusCode).toBe(204)
    expect((await c.get('/api/session')).statusCode).toBe(401)
  })

  it('401 without a cookie and with a forged one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/session' })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: 'yz_session=forged' } })).statusCode).toBe(401)
  })
})

describe('CSRF and bearer tokens', () => {
  it('refuses a browser write without the CSRF token', async () => {
    const c = await t.login(user.username, user.password)
    const res = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: c.cookie }, payload: { name: 'x' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('csrf_failed')
    expect(await t.db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).execute()).toHaveLength(0)
  })

  it('issues a bearer token that works without cookie or CSRF, and stops working once revoked', async () => {
    const c = await t.login(user.username, user.password)
    const made = await c.post('/api/tokens', { name: '省平台对接', expiresInDays: 30 })
    expect(made.statusCode).toBe(201)
    const { token, id } = made.json()
    expect(token).toMatch(/^yz_/)
    const auth = { authorization: `Bearer ${token}` }
    const me = await t.app.inject({ method: 'GET', url: '/api/session', headers: auth })
    expect(me.json().username).toBe(user.username)
    const write = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: auth, payload: { name: 'second' } })
    expect(write.statusCode).toBe(201)
    expect((await c.delete(`/api/tokens/${id}`)).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: auth })).statusCode).toBe(401)
    const row = await t.db.selectFrom('api_tokens').select(['token_hash', 'revoked_at']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.revoked_at).not.toBeNull()
    expect(row.token_hash).not.toBe(token)
  })

  it('401 for an unknown bearer token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/session', headers: { authorization: 'Bearer yz_nope' } })
    expect(res.statusCode).toBe(401)
  })
})
