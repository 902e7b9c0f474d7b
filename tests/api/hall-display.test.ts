// The display board's Server-Sent Events: state on connect, calls with ids, counts, the notice, replay from
// Last-Event-ID; and, with LISTEN/NOTIFY, a call made through another app on the same database.
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createDb, createPool } from '../../src/db/database.js'
import { buildApp, type App } from '../../src/server/app.js'
import { createBus, type Bus } from '../../src/kernel/bus.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { demoDistrict, sseReader, TestClock, TUESDAY_10 } from '../helpers/hall.js'

let t: TestApp
let base: string
let manager: Client
let clerk: Client
let d: Awaited<ReturnType<typeof demoDistrict>>
let cat: number
const clock = new TestClock(new Date(TUESDAY_10))
const take = () => t.app.inject({ method: 'POST', url: '/api/tickets', payload: { centerId: d.center.id, categoryId: cat } })

async function callAndFinish() {
  const ticket = (await clerk.post(`/api/windows/${d.windowIds[0]}/call-next`)).json().ticket
  await clerk.post(`/api/tickets/${ticket.id}/actions/start`)
  await clerk.post(`/api/tickets/${ticket.id}/actions/finish`)
  return ticket
}

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock })
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
  d = await demoDistrict(t.db)
  manager = await t.login('district.manager1')
  clerk = await t.login('district.clerk1')
  cat = (await manager.post('/api/hall/categories', { centerId: d.center.id, prefix: 'A', name: '综合受理' })).json().id
})
afterAll(() => t.close())

describe('display events', () => {
  it('sends the state, then each call with an id and the contract fields, the counts and the notice', async () => {
    const res = await fetch(`${base}/api/centers/${d.center.id}/display/events`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const sse = sseReader(res)
    const state = await sse.next('state')
    expect(state.data).toMatchObject({ centerName: d.center.name, calls: [], categories: [{ prefix: 'A', waiting: 0 }] })

    await take()
    expect((await sse.next('counts')).data.categories[0]).toMatchObject({ prefix: 'A', waiting: 1 })
    await callAndFinish()
    const call = await sse.next('call')
    expect(call.id).toMatch(/^\d+$/)
    expect(call.data).toMatchObject({ number: 'A001', windowName: expect.any(String), windowNumber: '1', text: '请A001号到1号窗口办理' })
    expect(new Date(call.data.at).toISOString()).toBe(new Date(TUESDAY_10).toISOString())

    await manager.patch(`/api/hall/centers/${d.center.id}`, { notice: '今日医保窗口延时至18:00' })
    expect((await sse.next('notice')).data).toEqual({ notice: '今日医保窗口延时至18:00' })
    await sse.cancel()
  })

  it('replays what a board missed after Last-Event-ID, in order, and nothing twice', async () => {
    const first = sseReader(await fetch(`${base}/api/centers/${d.center.id}/display/events`))
    const state = await first.next('state')
    expect(state.data.calls[0]).toMatchObject({ number: 'A001' })
    await take()
    await callAndFinish()
    const seen = await first.next('call')
    await first.cancel()

    await take(); await take()
    await callAndFinish(); await callAndFinish()
    const again = sseReader(await fetch(`${base}/api/centers/${d.center.id}/display/events`, { headers: { 'last-event-id': seen.id! } }))
    const a = await again.next('call')
    const b = await again.next('call')
    expect([a.data.number, b.data.number]).toEqual(['A003', 'A004'])
    expect(Number(b.id)).toBeGreaterThan(Number(a.id))
    expect(Number(a.id)).toBeGreaterThan(Number(seen.id))
    await again.cancel()

    const viaQuery = sseReader(await fetch(`${base}/api/centers/${d.center.id}/display/events?lastEventId=${a.id}`))
    expect((await viaQuery.next('call')).data.number).toBe('A004')
    await viaQuery.cancel()
  })

  it('404 for an unknown center', async () => {
    expect((await fetch(`${base}/api/centers/999999/display/events`)).status).toBe(404)
  })
})

describe('two apps on one database (LISTEN/NOTIFY)', () => {
  let appA: App, appB: App, busA: Bus, busB: Bus
  let dbB: ReturnType<typeof createDb>
  afterAll(async () => {
    await appA?.close(); await appB?.close(); await busA?.close(); await busB?.close(); await dbB?.destroy()
  })

  it('a call made through one reaches a board connected to the other', async () => {
    const config = { ...loadConfig({}), webDist: '/nonexistent' }
    busA = createBus(t.testDb.url, t.testDb.pool, { warn: () => {} })
    appA = await buildApp({ db: t.db, bus: busA, config, clock, logger: false })
    const poolB = createPool(t.testDb.url, 3)
    dbB = createDb(poolB)
    busB = createBus(t.testDb.url, poolB, { warn: () => {} })
    appB = await buildApp({ db: dbB, bus: busB, config, clock, logger: false })
    await appA.listen({ port: 0, host: '127.0.0.1' })
    const baseA = `http://127.0.0.1:${(appA.server.address() as AddressInfo).port}`
    const board = sseReader(await fetch(`${baseA}/api/centers/${d.center.id}/display/events`))
    await board.next('state')
    await new Promise((r) => setTimeout(r, 300)) // the listener connects

    await appB.inject({ method: 'POST', url: '/api/tickets', payload: { centerId: d.center.id, categoryId: cat } })
    const login = await appB.inject({ method: 'POST', url: '/api/session', payload: { username: 'district.clerk1', password: t.demoPassword } })
    const headers = { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-csrf-token': login.json().csrfToken }
    const called = await appB.inject({ method: 'POST', url: `/api/windows/${d.windowIds[0]}/call-next`, headers })
    expect(called.statusCode).toBe(200)
    const ev = await board.next('call')
    expect(ev.data.number).toBe(called.json().ticket.number)
    await board.cancel()
  })
})
