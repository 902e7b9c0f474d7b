// What a process's LISTEN connection missed while it was cut off is read again once it is back: two processes on one
// database (an external PostgreSQL shared by two Yizhan processes), the first one's listener reaching the server
// through a link the test cuts (a network fault; its pool still gets through). While it is cut, a session is ended
// through the second process; its notification never reaches the first. When the link is back, the first process
// listens again and forgets what it kept, so the ended session is refused there at once (its kept copy would
// otherwise be trusted for 30 s).
import net from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp, type App } from '../../src/server/app.js'
import { createBus, type Bus } from '../../src/kernel/bus.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

/** A TCP link to the database server that the test can cut (every connection dropped, new ones refused) and restore. */
async function cuttableLink(serverUrl: string) {
  const u = new URL(serverUrl)
  const socketDir = u.searchParams.get('host')
  const target: net.NetConnectOpts = socketDir?.startsWith('/') ? { path: `${socketDir}/.s.PGSQL.${u.port || 5432}` } : { host: u.hostname, port: Number(u.port || 5432) }
  let open = true
  const live = new Set<net.Socket>()
  const server = net.createServer((inbound) => {
    if (!open) { inbound.destroy(); return }
    const outbound = net.connect(target)
    for (const s of [inbound, outbound]) { live.add(s); s.on('close', () => live.delete(s)); s.on('error', () => undefined) }
    inbound.pipe(outbound).pipe(inbound)
    inbound.on('close', () => outbound.destroy())
    outbound.on('close', () => inbound.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const via = new URL(serverUrl)
  via.searchParams.delete('host')
  via.hostname = '127.0.0.1'
  via.port = String((server.address() as net.AddressInfo).port)
  return {
    url: via.toString(),
    cut() { open = false; for (const s of live) s.destroy() },
    restore() { open = true },
    close: () => new Promise<void>((resolve) => { open = false; for (const s of live) s.destroy(); server.close(() => resolve()) }),
  }
}

async function eventually(check: () => boolean | Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms
  while (Date.now() < end) { if (await check()) return true; await new Promise((r) => setTimeout(r, 25)) }
  return false
}

let t: TestApp
let link: Awaited<ReturnType<typeof cuttableLink>>
let busA: Bus, busB: Bus
let appA: App, appB: App

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  link = await cuttableLink(t.testDb.url)
  busA = createBus(link.url, t.testDb.pool, { warn: () => {} })
  busB = createBus(t.testDb.url, t.testDb.pool, { warn: () => {} })
  appA = await buildApp({ db: t.db, config: t.config, bus: busA, logger: false })
  appB = await buildApp({ db: t.db, config: t.config, bus: busB, logger: false })
  await Promise.all([appA.ready(), appB.ready()])
})
afterAll(async () => {
  await appA.close(); await appB.close(); await busA.close(); await busB.close(); await link.close(); await t.close()
})

async function login(app: App) {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'district.clerk1', password: t.demoPassword } })
  expect(res.statusCode).toBe(200)
  return { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken as string }
}
const me = (app: App, headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/session', headers: { cookie: headers.cookie } })
const logout = (app: App, headers: Record<string, string>) => app.inject({ method: 'DELETE', url: '/api/session', headers })

it('a session ended elsewhere while the listener was cut off is refused as soon as it listens again', async () => {
  expect(await eventually(() => busA.listening!() && busB.listening!())).toBe(true)

  // Connected: a logout through B reaches A's kept session through its notification.
  const first = await login(appA)
  expect((await me(appA, first)).statusCode).toBe(200) // kept by A now
  expect((await logout(appB, first)).statusCode).toBe(204)
  expect(await eventually(async () => (await me(appA, first)).statusCode === 401)).toBe(true)

  // Cut off: the logout's notification is lost for A, which keeps answering from what it kept.
  const second = await login(appA)
  expect((await me(appA, second)).statusCode).toBe(200)
  link.cut()
  expect(await eventually(() => !busA.listening!())).toBe(true)
  expect((await logout(appB, second)).statusCode).toBe(204)
  expect((await me(appB, second)).statusCode).toBe(401)
  expect(busA.listening!()).toBe(false) // it cannot have heard the notification
  expect((await me(appA, second)).statusCode).toBe(200) // its kept copy (30 s at most)

  // Back: A listens again, forgets what it kept, and reads the session from the database.
  link.restore()
  expect(await eventually(() => busA.listening!())).toBe(true)
  expect((await me(appA, second)).statusCode).toBe(401)
}, 60_000)
