// Disk space: under the floor of free space (or after the database said "disk full", SQLSTATE 53100) writes get 503
// storage_low with Retry-After, reads and logging in go on, /healthz says writable: false; service resumes by itself.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStorageGuard, storageFloorBytes, type FreeSpace } from '../../src/server/storage-guard.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { intakeBody, makeCaseWorld, type CaseWorld } from '../helpers/cases.js'

const MiB = 1024 * 1024
// The data disk as the guard sees it: the test sets how much is free (a simulated free-space floor).
const disk: FreeSpace = { free: 50_000 * MiB, total: 100_000 * MiB }
const warnings: string[] = []
const guard = createStorageGuard({
  dir: '/simulated', floorMb: 1024, fullHoldMs: 400, checkMs: 60_000,
  freeSpace: async () => ({ ...disk }), log: { warn: (m) => warnings.push(m), info: () => undefined },
})
let t: TestApp
let w: CaseWorld
beforeAll(async () => { t = await createTestApp({ storage: guard }); w = await makeCaseWorld(t) })
afterAll(async () => { guard.stop(); await t.close() })

const countCases = async () => Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

describe('the floor of free space', () => {
  it('is STORAGE_FLOOR_MB when set, else 1 GiB or 5 % of a smaller disk', () => {
    expect(storageFloorBytes(100 * 1024 * MiB, undefined)).toBe(1024 * MiB)
    expect(storageFloorBytes(4 * 1024 * MiB, undefined)).toBe(Math.floor(4 * 1024 * MiB * 0.05))
    expect(storageFloorBytes(100 * 1024 * MiB, 200)).toBe(200 * MiB)
  })

  it('under the floor: writes 503 storage_low with Retry-After, nothing written; reads, login and /healthz (writable: false) go on; back above: writes again', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' })
    disk.free = 900 * MiB
    await guard.check()
    expect(warnings.at(-1)).toContain('storage_low')
    const before = await countCases()
    const refused = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))
    expect(refused.statusCode).toBe(503)
    expect(refused.headers['retry-after']).toBe('30')
    expect(refused.json().error.code).toBe('storage_low')
    expect(await countCases()).toBe(before)
    const health = await t.app.inject({ method: 'GET', url: '/healthz' })
    expect(health.statusCode).toBe(200)
    expect(health.json()).toEqual({ status: 'ok', writable: false })
    expect((await w.clerk.client.get('/api/cases')).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/public/items' })).statusCode).toBe(200)
    await t.login(w.manager.username, w.manager.password) // a session is still granted (throws unless 200)

    disk.free = 2000 * MiB
    await guard.check()
    const accepted = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))
    expect(accepted.statusCode, accepted.body).toBe(201)
    expect(await countCases()).toBe(before + 1)
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' })
  })
})

describe('a database that says its disk is full (SQLSTATE 53100, e.g. an external server)', () => {
  it('answers 503 storage_low, refuses further writes for a while without trying them, keeps reads, then tries again by itself', async () => {
    await sql`create or replace function yz_test_disk_full() returns trigger language plpgsql as $$
      begin raise exception 'could not extend file: No space left on device' using errcode = '53100'; end $$`.execute(t.db)
    await sql`create trigger yz_test_disk_full before insert on case_events for each statement execute function yz_test_disk_full()`.execute(t.db)
    const before = await countCases()
    const full = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))
    expect(full.statusCode).toBe(503)
    expect(full.json().error.code).toBe('storage_low')
    expect(full.headers['retry-after']).toBe('30')
    expect(await countCases()).toBe(before)
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok', writable: false })
    expect((await w.clerk.client.get('/api/cases')).statusCode).toBe(200)

    await sql`drop trigger yz_test_disk_full on case_events`.execute(t.db)
    await new Promise((r) => setTimeout(r, 450))
    const again = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))
    expect(again.statusCode, again.body).toBe(201)
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' })
  })
})
