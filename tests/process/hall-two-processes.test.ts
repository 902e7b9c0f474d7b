// Two real Yizhan processes (`npm start`'s entry) on one PostgreSQL database (DATABASE_URL): ticket numbers stay
// unique across them, a call made on one reaches a display board connected to the other (LISTEN/NOTIFY), and a
// board reconnecting to the other process with Last-Event-ID misses nothing. Runs on the embedded test server and
// on TEST_DATABASE_URL alike: both are a PostgreSQL server the two processes can share.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect, it, inject } from 'vitest'
import { startYizhan, stop, type Started } from '../../bench/lib.js'
import { ensureDatabase } from '../../src/db/database.js'
import { chinaTime } from '../../src/domain/hall-time.js'
import { sseReader } from '../helpers/hall.js'

const PASSWORD = 'two-Proc-2026'
let url = ''
let dbName = ''
let a: Started | undefined
let b: Started | undefined
const dirs: string[] = []

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) })
  expect(res.status).toBe(200)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': (await res.json()).csrfToken as string }
  return {
    headers,
    send: (method: string, p: string, body: unknown = {}) => fetch(`${base}${p}`, { method, headers, body: JSON.stringify(body) }),
    post: (p: string, body: unknown = {}) => fetch(`${base}${p}`, { method: 'POST', headers, body: JSON.stringify(body) }),
  }
}

const env = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-hall2-'))
  dirs.push(dir)
  return { DATABASE_URL: url, DATA_DIR: dir, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1' }
}

beforeAll(async () => {
  dbName = `yz_hall2_${crypto.randomBytes(4).toString('hex')}`
  url = await ensureDatabase(inject('serverUrl'), dbName)
  a = await startYizhan(env()) // migrates and loads the demo district
  b = await startYizhan(env())
  // Today is a working day with the hall open all day, whatever the machine's date and hour.
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const { day } = chinaTime(new Date())
  await client.query(`insert into calendar_days (day, workday, name, source) values ($1, true, '测试', 'admin')
    on conflict (day) do update set workday = true`, [day])
  await client.query(`select pg_notify('yizhan_calendar', '{}')`)
  await client.end()
}, 180_000)

afterAll(async () => {
  if (a) await stop(a.child)
  if (b) await stop(b.child)
  const admin = new pg.Client({ connectionString: inject('serverUrl') })
  await admin.connect()
  await admin.query(`drop database if exists "${dbName}" with (force)`)
  await admin.end()
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

it('shares one hall between two processes', async () => {
  const baseA = `http://127.0.0.1:${a!.port}`
  const baseB = `http://127.0.0.1:${b!.port}`
  const managerA = await login(baseA, 'district.manager1')
  const centers = (await (await fetch(`${baseA}/api/public/centers`)).json()).centers as { id: number; level: string }[]
  const center = centers.find((c) => c.level === 'district')!.id
  const cat = await (await managerA.post('/api/hall/categories', { centerId: center, prefix: 'A', name: '综合受理' })).json()
  expect((await managerA.send('PATCH', `/api/hall/centers/${center}`, { opens: '00:00', lunchStarts: null, lunchEnds: null, closes: '23:59' })).status).toBe(200)

  // Numbers stay unique and gap-free with tickets taken on both processes at once.
  const take = (base: string) => fetch(`${base}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ centerId: center, categoryId: cat.id }) })
  const issued = await Promise.all(Array.from({ length: 30 }, (_, i) => take(i % 2 ? baseA : baseB)))
  expect(issued.map((r) => r.status)).toEqual(Array(30).fill(201))
  const numbers = (await Promise.all(issued.map((r) => r.json()))).map((t) => t.number).sort()
  expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => 'A' + String(i + 1).padStart(3, '0')))

  // A board on B hears a call made on A.
  const windows = (await (await fetch(`${baseA}/api/windows?centerId=${center}`, { headers: managerA.headers })).json()).windows as { id: number; number: string }[]
  const w1 = windows.find((w) => w.number === '1')!.id
  const clerkA = await login(baseA, 'district.clerk1')
  const boardB = sseReader(await fetch(`${baseB}/api/centers/${center}/display/events`))
  await boardB.next('state')
  const serve = async () => {
    const called = await clerkA.post(`/api/windows/${w1}/call-next`)
    expect(called.status).toBe(200)
    const { ticket } = await called.json()
    await clerkA.post(`/api/tickets/${ticket.id}/actions/start`)
    await clerkA.post(`/api/tickets/${ticket.id}/actions/finish`)
    return ticket.number as string
  }
  const first = await serve()
  const heard = await boardB.next('call')
  expect(heard.data.number).toBe(first)
  await boardB.cancel()

  // The board drops, two calls happen, it comes back to the other process with Last-Event-ID.
  const missed = [await serve(), await serve()]
  const boardA = sseReader(await fetch(`${baseA}/api/centers/${center}/display/events`, { headers: { 'last-event-id': heard.id! } }))
  expect([(await boardA.next('call')).data.number, (await boardA.next('call')).data.number]).toEqual(missed)
  await boardA.cancel()
}, 120_000)

