// SIGTERM while a request is being answered: the request finishes, then the pool and the embedded server stop.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startYizhan, stop } from '../../bench/lib.js'
import { leftoverServer } from '../../src/db/embedded.js'

let dataDir = ''

describe.skipIf(!!process.env.TEST_DATABASE_URL)('graceful shutdown', () => {
  beforeAll(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-shutdown-')) })
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('finishes the in-flight request, exits 0 and stops the database', async () => {
    const app = await startYizhan({ DATA_DIR: dataDir, YIZHAN_DEMO_PASSWORD: 'stop-Pass-1', YIZHAN_SKIP_WEB_BUILD: '1', LOG_LEVEL: 'info' })
    const base = `http://127.0.0.1:${app.port}`
    const login = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'stop-Pass-1' }) })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]

    // The whole catalog as Excel: send SIGTERM as soon as the server logs that it has the request.
    const seen = new Promise<void>((resolve) => {
      const watch = (chunk: Buffer) => { if (String(chunk).includes('/api/items/export.xlsx')) { app.child.stdout!.off('data', watch); resolve() } }
      app.child.stdout!.on('data', watch)
    })
    const pending = fetch(`${base}/api/items/export.xlsx`, { headers: { cookie } })
    await seen
    const exited = stop(app.child, 'SIGTERM')
    const res = await pending
    const body = Buffer.from(await res.arrayBuffer())
    expect(res.status).toBe(200)
    expect(body.subarray(0, 2).toString()).toBe('PK') // a whole .xlsx (zip) file
    const code = await exited
    expect(code).toBe(0)
    expect(app.output()).toContain('已停止')
    expect(leftoverServer(path.join(dataDir, 'pg'))).toBeUndefined()
    await expect(fetch(`${base}/healthz`)).rejects.toThrow() // nobody listens any more
  }, 120_000)
})
