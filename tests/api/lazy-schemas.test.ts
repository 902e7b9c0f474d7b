// npm start compiles each route's validators and serializers on its first request (src/server/serializers.ts).
// The same requests to an app compiling them lazily and to one compiling them at ready() get the same answers:
// statuses, refusals naming the field, coerced query values, and responses cut to their schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, type App } from '../../src/server/app.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

let eager: TestApp
let lazy: App

beforeAll(async () => {
  eager = await createTestApp({ demo: true })
  lazy = await buildApp({ db: eager.db, config: eager.config, logger: false, lazySchemas: true })
  await lazy.ready()
})
afterAll(async () => { await lazy.close(); await eager.close() })

async function both(req: { method?: 'GET' | 'POST'; url: string; payload?: object; cookie?: string }) {
  const send = (app: App) => app.inject({ method: req.method ?? 'GET', url: req.url, payload: req.payload, headers: req.cookie ? { cookie: req.cookie } : {} })
  const [a, b] = [await send(eager.app), await send(lazy)]
  expect(b.statusCode).toBe(a.statusCode)
  expect(b.body).toBe(a.body)
  return b
}

describe('validators and serializers compiled on first use', () => {
  it('answer public pages exactly as compiled at start-up (query values coerced, fields cut to the schema)', async () => {
    const list = await both({ url: '/api/public/items?pageSize=3&page=2' })
    expect(list.statusCode).toBe(200)
    expect(list.json().items).toHaveLength(3)
    const id = list.json().items[0].id as number
    expect((await both({ url: `/api/public/items/${id}` })).statusCode).toBe(200)
    expect((await both({ url: '/healthz' })).json()).toEqual({ status: 'ok' })
  })

  it('refuse bad input with the same 400 naming the field, the first time and after', async () => {
    for (let i = 0; i < 2; i++) {
      const bad = await both({ url: '/api/public/items?pageSize=abc' })
      expect(bad.statusCode).toBe(400)
      expect(bad.body).toContain('pageSize')
      const id = await both({ url: '/api/public/items/0' })
      expect(id.statusCode).toBe(400)
      const login = await both({ method: 'POST', url: '/api/session', payload: { username: 'admin' } })
      expect(login.statusCode).toBe(400)
      expect(login.body).toContain('password')
    }
  })

  it('serialize a logged-in user the same way (no field outside the schema)', async () => {
    const res = await lazy.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: eager.demoPassword } })
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('passwordHash')
    const cookie = String(res.headers['set-cookie']).split(';')[0]
    const me = await both({ url: '/api/session', cookie })
    expect(me.statusCode).toBe(200)
  })
})
