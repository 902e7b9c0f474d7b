// The real `npm start` on an external database (DATABASE_URL; here a database of its own on the test server, embedded
// or TEST_DATABASE_URL): every backend of the app terminated again and again in the middle of its work (as a
// restart of a shared PostgreSQL or an administrator would): the process stays up, requests meanwhile get 503 with
// Retry-After, it serves again by itself, no acknowledged case is lost or doubled, and its LISTEN connection is back.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect, it, inject } from 'vitest'
import { startYizhan, stop, type Started } from '../../bench/lib.js'
import { intakeTraffic, terminateBackends, verifyCases } from '../../bench/db-drill.js'
import { ensureDatabase } from '../../src/db/database.js'

const PASSWORD = 'ext-Pass-2026'
let url = ''
let dbName = ''
let app: Started | undefined
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-extdb-'))

beforeAll(async () => {
  dbName = `yz_extfault_${crypto.randomBytes(4).toString('hex')}`
  url = await ensureDatabase(inject('serverUrl'), dbName)
  app = await startYizhan({ DATABASE_URL: url, DATA_DIR: dir, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1' }, 180_000)
}, 200_000)

afterAll(async () => {
  if (app) await stop(app.child)
  const admin = new pg.Client({ connectionString: inject('serverUrl') })
  await admin.connect()
  await admin.query(`drop database if exists "${dbName}" with (force)`)
  await admin.end()
  fs.rmSync(dir, { recursive: true, force: true })
})

it('survives its backends terminated under traffic, and listens again', async () => {
  let exited = false
  app!.child.on('exit', () => { exited = true })
  const base = `http://127.0.0.1:${app!.port}`
  const traffic = await intakeTraffic(base, PASSWORD)
  const listener = async () => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    const { rows } = await c.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and query like 'listen %'`)
    await c.end()
    return rows[0].n
  }
  try {
    while (traffic.created.size < 10) await new Promise((r) => setTimeout(r, 50))
    expect(await listener()).toBe(1)
    expect(await terminateBackends(url, 3000)).toBeGreaterThan(0)
    const after = traffic.created.size
    while (traffic.created.size < after + 10) await new Promise((r) => setTimeout(r, 50))
  } finally { await traffic.stop() }
  expect(exited).toBe(false)
  expect(traffic.statuses.get(503)).toBeGreaterThan(0)
  for (const status of traffic.statuses.keys()) expect([201, 503]).toContain(status)
  for (const k of traffic.refusals.keys()) expect(k).toBe('database_unavailable/5')
  // The LISTEN connection came back (it retries every second).
  const end = Date.now() + 10_000
  while (Date.now() < end && (await listener()) !== 1) await new Promise((r) => setTimeout(r, 200))
  expect(await listener()).toBe(1)
  const check = await verifyCases(base, PASSWORD, traffic)
  expect(check.lost).toEqual([])
  expect(check.doubled).toBe(0)
  expect((await fetch(`${base}/healthz`)).status).toBe(200)
}, 120_000)
