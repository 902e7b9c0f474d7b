// An app on a fresh test database, with helpers to log in and to make centers and users.
import type { Response } from 'light-my-request'
import fs from 'node:fs'
import { expect, inject } from 'vitest'
import { loadConfig, type Config } from '../../src/config.js'
import type { Db } from '../../src/db/database.js'
import type { Clock } from '../../src/domain/clock.js'
import type { CenterLevel, Role } from '../../src/domain/vocabulary.js'
import { insertCenter } from '../../src/features/network/centers.repository.js'
import { hashPassword } from '../../src/features/session/passwords.js'
import { buildApp, type App } from '../../src/server/app.js'
import type { ResponseMismatch } from '../../src/server/response-check.js'
import type { Sender as SmsSender } from '../../src/features/messages/sender.js'
import { createBus } from '../../src/kernel/bus.js'
import type { StorageGuard } from '../../src/server/storage-guard.js'
import { createTestDb, type TestDb } from './db.js'

export interface TestApp {
  app: App
  db: Db
  testDb: TestDb
  config: Config
  demoPassword: string
  login(username: string, password?: string): Promise<Client>
  close(): Promise<void>
}

/** A logged-in browser-like client: session cookie + CSRF header on writes. */
export interface Client {
  cookie: string
  csrf: string
  headers(write?: boolean): Record<string, string>
  get(url: string): Promise<Response>
  post(url: string, body?: unknown): Promise<Response>
  put(url: string, body?: unknown): Promise<Response>
  patch(url: string, body?: unknown): Promise<Response>
  delete(url: string): Promise<Response>
}

/** `bus: true` listens on the database as `npm start` does (caches then trust notifications). */
/** `lazySchemas`: validators and serializers compiled on first use, as `npm start` has them. */
export async function createTestApp(opts: { demo?: boolean; config?: Partial<Config>; clock?: Clock; bus?: boolean; smsSender?: SmsSender; storage?: StorageGuard; lazySchemas?: boolean } = {}): Promise<TestApp> {
  const testDb = await createTestDb({ demo: opts.demo })
  const config: Config = { ...loadConfig({}), webDist: '/nonexistent', ...opts.config }
  const bus = opts.bus ? createBus(testDb.url, testDb.pool, { warn: () => {} }) : undefined
  // Every answer is checked against its route's declared response schema (src/server/response-check.ts): a mismatch
  // answers 500 response_mismatch, and close() throws so that a test that does not look at the status fails too.
  const mismatches: ResponseMismatch[] = []
  const record = process.env.RESPONSE_CHECK_RECORD
  const onMismatch = (m: ResponseMismatch) => {
    mismatches.push(m)
    if (record) fs.appendFileSync(record, JSON.stringify({ file: expect.getState().testPath, test: expect.getState().currentTestName, ...m }) + '\n')
  }
  const app = await buildApp({
    db: testDb.db, config, bus, clock: opts.clock, smsSender: opts.smsSender, logger: false, pool: testDb.pool, storage: opts.storage, lazySchemas: opts.lazySchemas,
    checkResponses: { mode: record ? 'record' : 'fail', onMismatch },
  })
  await app.ready()
  const demoPassword = inject('demoPassword')
  return {
    app, db: testDb.db, testDb, config, demoPassword,
    login: (username, password = demoPassword) => loginClient(app, username, password),
    async close() {
      await app.close()
      await bus?.close()
      await testDb.close()
      if (mismatches.length && !record) throw new Error(`${mismatches.length} answer(s) did not match their declared response schema:\n${mismatches.map((m) => `${m.method} ${m.route} ${m.status}: ${m.problems.join('; ')}`).join('\n')}`)
    },
  }
}

/** Log in through the API (the session route) and return a client that sends the cookie and the CSRF header. */
export async function loginClient(app: App, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } })
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
  const cookie = String(res.headers['set-cookie']).split(';')[0]
  const csrf = res.json().csrfToken as string
  const headers = (write = false): Record<string, string> => (write ? { cookie, 'x-csrf-token': csrf } : { cookie })
  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    app.inject({ method, url, headers: headers(method !== 'GET'), ...(body === undefined ? {} : { payload: body as object }) })
  return {
    cookie, csrf, headers,
    get: (url) => send('GET', url),
    post: (url, body) => send('POST', url, body ?? {}),
    put: (url, body) => send('PUT', url, body ?? {}),
    patch: (url, body) => send('PATCH', url, body ?? {}),
    delete: (url) => send('DELETE', url),
  }
}

let seq = 0
/** A center of the given level under `parentId` (a district needs none). */
export async function makeCenter(db: Db, opts: { level: CenterLevel; parentId?: number; name?: string }) {
  const parent = opts.parentId ? await db.selectFrom('centers').select(['id', 'path']).where('id', '=', opts.parentId).executeTakeFirstOrThrow() : undefined
  seq += 1
  const code = `X${process.pid}-${seq}-${Math.random().toString(36).slice(2, 6)}`
  const { id, path } = await insertCenter(db, { code, name: opts.name ?? `测试${opts.level}${seq}`, level: opts.level, parent: parent ?? null })
  return { id, path, code }
}

let cachedHash: Promise<string> | undefined
export async function makeUser(db: Db, opts: { roles: Role[]; centerId: number; username?: string; password?: string }) {
  seq += 1
  const username = opts.username ?? `u${process.pid}_${seq}`
  const hash = opts.password ? await hashPassword(opts.password) : await (cachedHash ??= hashPassword('Passw0rd-test'))
  const { id } = await db.insertInto('users').values({
    username, name: `用户${seq}`, password_hash: hash, roles: opts.roles, center_id: opts.centerId, window_id: null,
  }).returning('id').executeTakeFirstOrThrow()
  return { id, username, name: `用户${seq}`, password: opts.password ?? 'Passw0rd-test' }
}

/** A small tree: district → two towns → a village under each. */
export async function makeTree(db: Db) {
  const district = await makeCenter(db, { level: 'district', name: '测试区中心' })
  const townA = await makeCenter(db, { level: 'town', parentId: district.id, name: '甲镇中心' })
  const townB = await makeCenter(db, { level: 'town', parentId: district.id, name: '乙镇中心' })
  const villageA = await makeCenter(db, { level: 'village', parentId: townA.id, name: '甲村' })
  const villageB = await makeCenter(db, { level: 'village', parentId: townB.id, name: '乙村' })
  return { district, townA, townB, villageA, villageB }
}
