// Logs never print passwords, session ids, tokens or full ID numbers; one line per request, JSON or (in a terminal)
// readable text.
import { Writable } from 'node:stream'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { buildApp, type App } from '../../src/server/app.js'
import { localTime } from '../../src/server/logger.js'
import { makeTree, makeUser } from '../helpers/app.js'
import { createTestDb, type TestDb } from '../helpers/db.js'

let testDb: TestDb
let app: App
const lines: string[] = []

beforeAll(async () => {
  testDb = await createTestDb()
  app = await buildApp({ db: testDb.db, config: { ...loadConfig({}), logLevel: 'debug', logFormat: 'json', webDist: '/nonexistent' }, logStream: { write: (l) => { lines.push(l) } } })
  await app.ready()
})
afterAll(async () => { await app.close(); await testDb.close() })

it('redacts the password, the session cookie, the CSRF token, bearer tokens and ID numbers', async () => {
  const tree = await makeTree(testDb.db)
  const user = await makeUser(testDb.db, { roles: ['clerk'], centerId: tree.townA.id, password: 'Very-Secret-77' })
  const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: user.username, password: 'Very-Secret-77' } })
  const sid = String(login.headers['set-cookie']).split(';')[0].split('=')[1]
  const csrf = login.json().csrfToken
  const token = (await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: `yz_session=${sid}`, 'x-csrf-token': csrf }, payload: { name: 'n' } })).json().token
  await app.inject({ method: 'GET', url: '/api/no-such?idNumber=11010519491231002X', headers: { authorization: `Bearer ${token}` } })
  await app.inject({ method: 'POST', url: '/api/session', payload: { username: user.username, password: 'Wrong-Secret-88' } })

  const all = lines.join('\n')
  expect(all).toContain('/api/no-such') // the requests were logged …
  expect(all).toContain('1101**********002X')
  for (const secret of ['Very-Secret-77', 'Wrong-Secret-88', sid, csrf, token, '11010519491231002X']) {
    expect(all).not.toContain(secret) // … without their secrets
  }
})

it('writes one line per request, with method, route, status and time', async () => {
  lines.length = 0
  await app.inject({ url: '/api/public/centers' })
  await app.inject({ url: '/api/public/items/999999' })
  const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.method)
  expect(requests).toHaveLength(2)
  expect(requests[0]).toMatchObject({ level: 30, method: 'GET', route: '/api/public/centers', url: '/api/public/centers', status: 200, ms: expect.any(Number) })
  expect(requests[1]).toMatchObject({ method: 'GET', route: '/api/public/items/:id', status: 404, msg: expect.stringMatching(/^GET \/api\/public\/items\/999999 404 [\d.]+ ms$/) })
  expect(requests[0]).toMatchObject({ userId: null, ip: '127.0.0.1' })
})

it('a signed-in request\'s line carries the user id and the client address', async () => {
  const tree = await makeTree(testDb.db)
  const user = await makeUser(testDb.db, { roles: ['clerk'], centerId: tree.townA.id, password: 'Very-Secret-78' })
  const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: user.username, password: 'Very-Secret-78' }, remoteAddress: '10.1.2.3' })
  const cookie = String(login.headers['set-cookie']).split(';')[0]
  lines.length = 0
  await app.inject({ url: '/api/session', headers: { cookie }, remoteAddress: '10.1.2.3' })
  const line = lines.map((l) => JSON.parse(l)).find((l) => l.method === 'GET' && l.url === '/api/session')
  expect(line).toMatchObject({ userId: user.id, ip: '10.1.2.3', status: 200 })
})

it('in a terminal a person reads coloured lines, still without full ID numbers', async () => {
  const out: string[] = []
  const stream = new Writable({ write(chunk, _enc, cb) { out.push(String(chunk)); cb() } })
  const pretty = await buildApp({ db: testDb.db, config: { ...loadConfig({}), logFormat: 'pretty', webDist: '/nonexistent' }, logStream: stream })
  await pretty.ready()
  await pretty.inject({ url: '/api/no-such?idNumber=11010519491231002X' })
  await pretty.close()
  const text = out.join('').replace(/\u001b\[[0-9;]*m/g, '')
  // local date and time (Asia/Shanghai), then who asked from where
  expect(text).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/api\/no-such\?idNumber=1101\*{10}002X 404 [\d.]+ ms · 127\.0\.0\.1$/m)
  expect(text).not.toContain('11010519491231002X')
  expect(text).not.toContain('{"')
})

it('the terminal\'s time is the local date and time in Asia/Shanghai, whatever the server\'s zone', () => {
  expect(localTime(Date.UTC(2026, 11, 31, 17, 5, 6, 7))).toBe('[2027-01-01 01:05:06.007]')
  expect(localTime(Date.UTC(2026, 5, 1, 0, 0, 0, 0))).toBe('[2026-06-01 08:00:00.000]')
})

it('LOG_FORMAT=json or pretty overrides what the terminal would choose', () => {
  expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json')
  expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty')
})

it('masks ID numbers after decoding the URL: encoded neighbours, 15 digits, groups', async () => {
  const before = lines.length
  const id = '110101199003074477'
  await app.inject({ method: 'GET', url: `/api/public/items?q=%E5%BC%A0%E4%B8%89${id}` }) // the reviewer's request
  await app.inject({ method: 'GET', url: '/api/public/items?q=110101900307447' }) // old 15-digit number
  await app.inject({ method: 'GET', url: `/api/public/items?q=${id.slice(0, 6)}%20${id.slice(6, 14)}%20${id.slice(14)}` })
  await app.inject({ method: 'GET', url: `/api/public/items?q=%31%31%30%31${id.slice(4)}` })
  const logged = lines.slice(before).join('\n')
  expect(logged).toContain('张三1101**********4477')
  expect(logged).toContain('1101*******7447')
  for (const secret of [id, '110101900307447', id.slice(4, 14), '199003074', '%31%31%30%31']) expect(logged).not.toContain(secret)
})
