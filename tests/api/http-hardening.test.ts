// Issue 11 item 7: encoded /api/ paths cannot skip the API checks, X-Forwarded-For is trusted only from configured
// proxies, and signed-in JSON answers are never cached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { buildApp } from '../../src/server/app.js'
import { createTestApp, makeTree, makeUser, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let user: { id: number; username: string; password: string }
let c: Client

beforeAll(async () => {
  t = await createTestApp()
  const tree = await makeTree(t.db)
  user = await makeUser(t.db, { roles: ['manager'], centerId: tree.townA.id, password: 'Manager-Pass-1' })
  c = await t.login(user.username, 'Manager-Pass-1')
})
afterAll(() => t.close())

describe('percent-encoded API paths', () => {
  it('a logout through /%61pi/session without the CSRF header is refused and the session lives on', async () => {
    for (const url of ['/%61pi/session', '/%61%70%69/session', '/%2561pi/session', '/API/session']) {
      const res = await t.app.inject({ method: 'DELETE', url, headers: { cookie: c.cookie } })
      expect(res.statusCode, url).toBe(404)
    }
    expect((await c.get('/api/session')).statusCode).toBe(200)
    expect(await t.db.selectFrom('sessions').select('user_id').where('user_id', '=', user.id).execute()).toHaveLength(1)
  })

  it('an encoded character after /api/ still goes through the checks', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/%73ession', headers: { cookie: c.cookie } })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('csrf_failed')
    const bad = await t.app.inject({ method: 'GET', url: '/%E0%A4%A/x' }) // cannot be decoded: refused before any route
    expect([400, 404]).toContain(bad.statusCode)
  })
})

describe('trusted proxies', () => {
  it('by default X-Forwarded-For is ignored: the session records the socket address', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: user.username, password: 'Manager-Pass-1' }, headers: { 'x-forwarded-for': '203.0.113.9' }, remoteAddress: '10.2.0.1' })
    expect(res.statusCode).toBe(200)
    const ips = (await t.db.selectFrom('sessions').select('ip').where('user_id', '=', user.id).execute()).map((r) => r.ip)
    expect(ips).toContain('10.2.0.1')
    expect(ips).not.toContain('203.0.113.9')
  })

  it('TRUST_PROXY names the proxies whose X-Forwarded-For counts', async () => {
    const config = { ...loadConfig({ TRUST_PROXY: '10.9.0.1' }), webDist: '/nonexistent' }
    expect(config.trustProxy).toEqual(['10.9.0.1'])
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/)
    const app = await buildApp({ db: t.db, config, logger: false })
    try {
      const login = (remoteAddress: string) => app.inject({ method: 'POST', url: '/api/session', payload: { username: 'nobody-x', password: 'bad-pass-1' }, headers: { 'x-forwarded-for': '198.51.100.7' }, remoteAddress })
      expect((await login('10.9.0.1')).statusCode).toBe(401)
      expect((await login('10.9.0.2')).statusCode).toBe(401)
      const keys = (await t.db.selectFrom('login_throttles').select('key').where('scope', '=', 'ip').execute()).map((r) => r.key)
      expect(keys).toContain('198.51.100.7') // through the trusted proxy: the client's address
      expect(keys).toContain('10.9.0.2') // from elsewhere the header counts for nothing
    } finally { await app.close() }
  })
})

describe('Cache-Control on signed-in JSON', () => {
  it('no-store on answers to a signed-in caller and on the login answer', async () => {
    expect((await c.get('/api/session')).headers['cache-control']).toBe('no-store')
    expect((await c.get('/api/staff')).headers['cache-control']).toBe('no-store')
    const token = (await c.post('/api/tokens', { name: 'x' })).json().token
    expect((await t.app.inject({ url: '/api/tokens', headers: { authorization: `Bearer ${token}` } })).headers['cache-control']).toBe('no-store')
    const login = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: user.username, password: 'Manager-Pass-1' } })
    expect(login.headers['cache-control']).toBe('no-store')
  })

  it('public answers keep their own caching', async () => {
    const res = await t.app.inject({ url: '/api/public/centers' })
    expect(res.headers['cache-control']).not.toBe('no-store')
  })
})
