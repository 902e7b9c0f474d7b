// Logs never print passwords, session ids, tokens or full ID numbers.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { buildApp, type App } from '../../src/server/app.js'
import { makeTree, makeUser } from '../helpers/app.js'
import { createTestDb, type TestDb } from '../helpers/db.js'

let testDb: TestDb
let app: App
const lines: string[] = []

beforeAll(async () => {
  testDb = await createTestDb()
  app = await buildApp({ db: testDb.db, config: { ...loadConfig({}), logLevel: 'debug', webDist: '/nonexistent' }, logStream: { write: (l) => { lines.push(l) } } })
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
