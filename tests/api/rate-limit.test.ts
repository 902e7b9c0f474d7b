// Per-address rate limits (issue 10): a flood from one address gets 429 with Retry-After and a Chinese message while
// another address is still served; the count is shared by processes on one database; routes count per name.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig, RATE_LIMIT_DEFAULTS, type Config } from '../../src/config.js'
import { createDb, createPool, type Db } from '../../src/db/database.js'
import { buildApp, type App } from '../../src/server/app.js'
import { rateLimit } from '../../src/kernel/rate-limit.js'
import { createTestDb, type TestDb } from '../helpers/db.js'

let testDb: TestDb
const config: Config = {
  ...loadConfig({}), webDist: '/nonexistent',
  rateLimits: { ...RATE_LIMIT_DEFAULTS, login: { max: 3, windowSeconds: 3600 }, code: { max: 2, windowSeconds: 600 }, progress: { max: 2, windowSeconds: 600 } },
}
const apps: App[] = []
const handles: Db[] = []

/** One Yizhan "process": its own pool and app on the shared test database, with a limited test route. */
async function process(overrides: Partial<Config> = {}): Promise<App> {
  const db = createDb(createPool(testDb.url, 3))
  const app = await buildApp({ db, config: { ...config, ...overrides }, logger: false })
  app.post('/api/test/codes', { config: rateLimit(config, 'code') }, async () => ({ sent: true }))
  await app.ready()
  apps.push(app); handles.push(db)
  return app
}

let attempt = 0 // a new unknown username each time: the per-account lockout stays out of the way (401, not 429)
const login = (app: App, remoteAddress: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/session', remoteAddress, headers, payload: { username: `nobody${++attempt}`, password: 'wrong-password' } })

/** Windows are fixed (aligned to the clock): keep each test inside one. */
async function awayFromWindowEdge() {
  for (const seconds of [3600, 600]) {
    const left = seconds * 1000 - (Date.now() % (seconds * 1000))
    if (left < 15_000) await new Promise((r) => setTimeout(r, left + 50))
  }
}

beforeAll(async () => { testDb = await createTestDb() })
beforeEach(awayFromWindowEdge, 20_000)
afterAll(async () => {
  for (const a of apps) await a.close()
  for (const d of handles) await d.destroy()
  await testDb.close()
})

describe('login, per client address', () => {
  it('a flood from one address gets 429 with Retry-After and a Chinese message; another address is still served', async () => {
    const app = await process()
    for (let i = 0; i < 3; i++) expect((await login(app, '10.1.0.1')).statusCode).toBe(401)
    const refused = await login(app, '10.1.0.1')
    expect(refused.statusCode).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600)
    expect(refused.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/请求过于频繁，请 \d+ 秒后再试/) })
    expect((await login(app, '10.1.0.2')).statusCode).toBe(401) // another address: the login is tried
  })

  it('X-Forwarded-For from a client that is not a trusted proxy does not change its address', async () => {
    const app = await process({ trustProxy: ['127.0.0.1'] }) // TRUST_PROXY=127.0.0.1
    for (let i = 0; i < 3; i++) await login(app, '10.2.0.1', { 'x-forwarded-for': `192.0.2.${i}` })
    expect((await login(app, '10.2.0.1', { 'x-forwarded-for': '192.0.2.99' })).statusCode).toBe(429)
    // the configured proxy does tell the client address
    for (let i = 0; i < 3; i++) expect((await login(app, '127.0.0.1', { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(401)
    expect((await login(app, '127.0.0.1', { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(429)
    expect((await login(app, '127.0.0.1', { 'x-forwarded-for': '198.51.100.8' })).statusCode).toBe(401)
  })

  it('the count is shared by processes on one database', async () => {
    const [one, two] = [await process(), await process()]
    expect((await login(one, '10.3.0.1')).statusCode).toBe(401)
    expect((await login(one, '10.3.0.1')).statusCode).toBe(401)
    expect((await login(one, '10.3.0.1')).statusCode).toBe(401)
    await new Promise((r) => setTimeout(r, 300)) // one's counts reach the table
    expect((await login(two, '10.3.0.1')).statusCode).toBe(429)
    const stored = await testDb.db.selectFrom('rate_limit_hits').select(['key', 'hits']).where('key', 'like', '10.3.0.1%').execute()
    expect(stored).toEqual([{ key: '10.3.0.1:login', hits: 4 }])
  })
})

describe('the route option other routes use', () => {
  it('counts each name on its own and answers 429 on the limited route only', async () => {
    const app = await process()
    const send = () => app.inject({ method: 'POST', url: '/api/test/codes', remoteAddress: '10.4.0.1' })
    expect((await send()).statusCode).toBe(200)
    expect((await send()).statusCode).toBe(200)
    const refused = await send()
    expect(refused.statusCode).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600) // its own 10-minute window
    expect((await login(app, '10.4.0.1')).statusCode).toBe(401) // logins from that address are counted apart
    expect((await app.inject({ url: '/api/public/centers', remoteAddress: '10.4.0.1' })).statusCode).toBe(200) // unlimited
  })
})

describe('the public progress lookup', () => {
  it('a flood of lookups from one address gets 429 (wrong pairs included); another address is still answered', async () => {
    const app = await process()
    const look = (remoteAddress: string) => app.inject({ url: '/api/public/progress?number=X1&code=ABC123', remoteAddress })
    expect((await look('10.5.0.1')).statusCode).toBe(404)
    expect((await look('10.5.0.1')).statusCode).toBe(404)
    const refused = await look('10.5.0.1')
    expect(refused.statusCode).toBe(429)
    expect(refused.headers['retry-after']).toBeDefined()
    expect(refused.json().error.code).toBe('rate_limited')
    expect((await look('10.5.0.2')).statusCode).toBe(404)
  })
})

describe('configuration', () => {
  it('RATE_LIMIT_<NAME>=max/seconds sets a limit; anything else is refused at start with the variable named', () => {
    expect(loadConfig({ RATE_LIMIT_LOGIN: '100/30' }).rateLimits.login).toEqual({ max: 100, windowSeconds: 30 })
    expect(loadConfig({}).rateLimits.progress).toEqual(RATE_LIMIT_DEFAULTS.progress)
    for (const bad of ['10', '10/0', 'x/60', '10/100000', '-1/60']) expect(() => loadConfig({ RATE_LIMIT_CODE: bad })).toThrow(/RATE_LIMIT_CODE/)
  })
})
