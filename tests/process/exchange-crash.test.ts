// The exchange sender across kill -9: a real Yizhan process (`npm start`'s entry) that serves without sending
// (YIZHAN_EXCHANGE=off) takes cases and dies; senders (the same entry, EXCHANGE_MODE=push, five records a request)
// are killed by kill -9 while the stand-in province holds a request it has taken but not yet answered; the next
// sender sends it again, the province answers "already exists", and every record is acknowledged exactly once, none
// lost. Then the staging adapter into the province's own database (前置库), its sender killed mid-export: no row twice,
// every record taken once by the province's job. Runs on the embedded test server and on TEST_DATABASE_URL alike.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startYizhan, stop, type Started } from '../../bench/lib.js'
import { ensureDatabase } from '../../src/db/database.js'
import { NATIONAL_TABLES } from '../../src/domain/exchange-layout.js'
import { mappingFrom } from '../../src/domain/exchange-mapping.js'
import { idNumber } from '../helpers/cases.js'
import { startProvinceStandin } from '../helpers/province-standin.js'

const PASSWORD = 'exchange-Crash-1'
const TOKEN = 'province-token-000001'
let url = ''
let dbName = ''
let province: Awaited<ReturnType<typeof startProvinceStandin>>
const dirs: string[] = []
const running: Started[] = []
const dropLater: string[] = []

const env = (extra: Record<string, string>) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-exchange-'))
  dirs.push(dir)
  return {
    DATABASE_URL: url, DATA_DIR: dir, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1',
    EXCHANGE_MODE: 'push', EXCHANGE_PUSH_URL: province.url, EXCHANGE_TOKEN: TOKEN, EXCHANGE_PUSH_BATCH: '5', EXCHANGE_POLL_MS: '200', ...extra,
  }
}
async function start(extra: Record<string, string> = {}) {
  const s = await startYizhan(env(extra))
  running.push(s)
  return s
}

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) })
  expect(res.status).toBe(200)
  const csrf = (await res.json()).csrfToken as string
  const cookie = res.headers.get('set-cookie')!.split(';')[0]
  return {
    get: async (p: string) => (await fetch(base + p, { headers: { cookie } })).json(),
    post: (p: string, body: unknown) => fetch(base + p, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) }),
  }
}

const query = async <T,>(text: string): Promise<T[]> => {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try { return (await c.query(text)).rows as T[] } finally { await c.end() }
}
const until = async (what: string, test: () => boolean | Promise<boolean>, ms = 60_000) => {
  const t0 = Date.now()
  while (!(await test())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** 40 cases accepted at 赵山 by a process that serves without sending, then killed by kill -9. */
async function takeCases(prefix: string, firstId: number) {
  const first = await start({ YIZHAN_EXCHANGE: 'off' })
  const clerk = await login(`http://127.0.0.1:${first.port}`, 'zhaoshan.clerk1')
  const me = await clerk.get('/api/session')
  const items = await clerk.get(`/api/public/items?centerId=${me.centerId}&pageSize=100`)
  const item = items.items.find((i: { handlingKind: string }) => i.handlingKind === 'promised')
  const full = await clerk.get(`/api/public/items/${item.id}`)
  for (let i = 0; i < 40; i++) {
    const res = await clerk.post('/api/cases', {
      requestId: `${prefix}-${i}`, itemId: item.id, centerId: me.centerId,
      applicant: { kind: 'person', name: '宋春华', idNumber: idNumber(firstId + i), phone: '13900001111' },
      materials: full.materials.map((m: { id: number }) => ({ materialId: m.id, received: true })),
    })
    expect(res.status).toBe(201)
  }
  await stop(first.child, 'SIGKILL')
}

beforeAll(async () => {
  // a slow province: each reply comes 150 ms after it took the records, so a kill can fall between the two
  province = await startProvinceStandin({ mapping: mappingFrom({ builtin: 'national' }), token: TOKEN, replyDelayMs: 150 })
  dbName = `yz_exch_${crypto.randomBytes(4).toString('hex')}`
  url = await ensureDatabase(inject('serverUrl'), dbName)
}, 60_000)

afterAll(async () => {
  for (const s of running) await stop(s.child, 'SIGKILL')
  await province?.close()
  const admin = new pg.Client({ connectionString: inject('serverUrl') })
  await admin.connect()
  for (const name of [dbName, ...dropLater]) await admin.query(`drop database if exists "${name}" with (force)`).catch(() => undefined)
  await admin.end()
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

describe('exchange sender across kill -9', () => {
  it('records in flight at a kill are acknowledged exactly once after the restart; none lost', async () => {
    // cases taken by a process that does not send (another process would): their records wait in the log
    await takeCases('exchange-crash', 500)
    const [{ n: total }] = await query<{ n: number }>(`select count(*)::int as n from exchange_records`)
    expect(total).toBeGreaterThan(40 * 3)
    expect(province.received).toHaveLength(0)

    // three senders killed while the province holds a request it has taken and not yet answered
    const inFlightAtKill: number[] = []
    for (let k = 0; k < 3; k++) {
      const before = province.received.length
      const s = await start()
      await until(`kill ${k + 1}: a request in flight`, () => province.inFlight > 0 && province.received.length > before)
      inFlightAtKill.push(province.inFlight)
      await stop(s.child, 'SIGKILL')
    }
    expect(province.received.length).toBeLessThan(total) // the kills fell during the export

    // the last sender to the end
    const last = await start()
    await until('every record acknowledged', async () => (await query<{ n: number }>(`select count(*)::int as n from exchange_records where status <> 'acked'`))[0].n === 0, 120_000)

    const rows = await query<{ row_guid: string; ok: number }>(`select r.row_guid::text, count(a.id) filter (where a.outcome in ('ok', 'exists'))::int as ok
      from exchange_records r left join exchange_attempts a on a.record_id = r.id group by r.id`)
    expect(rows).toHaveLength(total)
    // at the province: every row_guid held once (what a killed sender had sent was answered "already exists")
    const held = province.received.map((r) => r.rowGuid)
    expect(new Set(held).size).toBe(held.length)
    expect(held.sort()).toEqual(rows.map((r) => r.row_guid).sort())
    expect(province.refused).toEqual([])
    // in the log: one acknowledgement per record (a killed sender's transaction left no attempt behind)
    expect(rows.filter((r) => r.ok !== 1)).toEqual([])
    // the records in flight at the kills came again and were acknowledged as "already exists"
    expect(inFlightAtKill.every((n) => n > 0)).toBe(true)
    expect(province.duplicates.length).toBeGreaterThanOrEqual(3)
    const exists = await query<{ row_guid: string }>(`select r.row_guid::text from exchange_records r join exchange_attempts a on a.record_id = r.id where a.outcome = 'exists'`)
    expect(exists.map((r) => r.row_guid).sort()).toEqual([...new Set(province.duplicates)].sort())
    expect(await stop(last.child, 'SIGTERM')).toBe(0)
  }, 300_000)

  it('staging tables in the province\'s own database (前置库): a sender killed mid-export writes no row twice; the province\'s job takes every record once', async () => {
    const stagingName = `${dbName}_qzk`
    const stagingUrl = await ensureDatabase(inject('serverUrl'), stagingName)
    dropLater.push(stagingName)
    await takeCases('exchange-staging', 700)
    const pending = (await query<{ row_guid: string }>(`select row_guid::text from exchange_records where status = 'pending'`)).map((r) => r.row_guid)
    expect(pending.length).toBeGreaterThan(40 * 3)
    const staged = async () => {
      const c = new pg.Client({ connectionString: stagingUrl })
      await c.connect()
      try {
        return (await c.query(NATIONAL_TABLES.map((t) => `select row_guid::text from exchange_staging.${t.toLowerCase()}`).join(' union all '))).rows.map((r) => r.row_guid as string)
      } catch { return [] } finally { await c.end() }
    }
    const stagingEnv = { EXCHANGE_MODE: 'staging', EXCHANGE_STAGING_URL: stagingUrl, EXCHANGE_BATCH: '10' }
    const s = await start(stagingEnv)
    await until('rows in the 前置库', async () => (await staged()).length > 0)
    await stop(s.child, 'SIGKILL')
    const last = await start(stagingEnv)
    await until('every record written', async () => (await query<{ n: number }>(`select count(*)::int as n from exchange_records where status = 'pending'`))[0].n === 0, 120_000)
    // the province's job takes the rows; the sender reads its flags back
    await province.readStaging(stagingUrl, 'exchange_staging')
    await until('every record acknowledged', async () => (await query<{ n: number }>(`select count(*)::int as n from exchange_records where status <> 'acked'`))[0].n === 0, 60_000)
    const rows = await staged()
    expect(new Set(rows).size).toBe(rows.length)
    expect(rows.sort()).toEqual(pending.sort())
    expect(province.refused).toEqual([])
    expect(await stop(last.child, 'SIGTERM')).toBe(0)
  }, 300_000)
})
