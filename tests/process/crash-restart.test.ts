// The real `npm start` entry as a child process: kill -9 leaves the embedded PostgreSQL running; the next
// start must detect it (postmaster.pid), stop it, start cleanly and keep every row written before the crash.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startYizhan, stop } from '../../bench/lib.js'
import { leftoverServer } from '../../src/db/embedded.js'

let dataDir = ''
const env = () => ({ DATA_DIR: dataDir, YIZHAN_DEMO_PASSWORD: 'crash-Pass-1', YIZHAN_SKIP_WEB_BUILD: '1' })

async function loginAndMakeToken(port: number) {
  const base = `http://127.0.0.1:${port}`
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'crash-Pass-1' }) })
  expect(res.status).toBe(200)
  const csrf = (await res.json()).csrfToken
  const cookie = res.headers.get('set-cookie')!.split(';')[0]
  const made = await fetch(`${base}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify({ name: 'before-crash' }) })
  expect(made.status).toBe(201)
  return (await made.json()).token as string
}

describe.skipIf(!!process.env.TEST_DATABASE_URL)('npm start with the embedded server', () => {
  beforeAll(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-crash-')) })
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('comes back healthy after kill -9 with no data lost', async () => {
    const first = await startYizhan(env())
    expect(fs.existsSync(path.join(dataDir, 'demo-accounts.json'))).toBe(true)
    const token = await loginAndMakeToken(first.port)
    await stop(first.child, 'SIGKILL')
    expect(leftoverServer(path.join(dataDir, 'pg'))).toBeDefined() // the server outlived the app

    const second = await startYizhan(env())
    expect(second.output()).toContain('未正常停止')
    const me = await fetch(`http://127.0.0.1:${second.port}/api/session`, { headers: { authorization: `Bearer ${token}` } })
    expect(me.status).toBe(200)
    expect((await me.json()).username).toBe('admin')
    expect(await stop(second.child, 'SIGTERM')).toBe(0)
    expect(leftoverServer(path.join(dataDir, 'pg'))).toBeUndefined() // a clean stop stops the database too
  }, 120_000)
})
