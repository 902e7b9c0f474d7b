// The real `npm start` survives its database's faults: every backend of the app terminated in the middle of its
// transactions, then kill -9 of the embedded postmaster under light intake traffic (and its TCP port taken by
// another program while it is down). The process never exits,
// requests meanwhile get 503 with Retry-After, /healthz is 200 again by itself within 30 s, no acknowledged case is
// lost and none doubled.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startYizhan, stop } from '../../bench/lib.js'
import { embeddedInfo, intakeTraffic, killPostmaster, terminateBackends, verifyCases } from '../../bench/db-drill.js'

let dataDir = ''
const PASSWORD = 'drill-Pass-1'

describe.skipIf(!!process.env.TEST_DATABASE_URL)('npm start with the embedded server, under database faults', () => {
  beforeAll(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-db-drill-')); fs.chmodSync(dataDir, 0o755) })
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('terminated backends, then a killed postmaster: stays up, 503 meanwhile, healthy again by itself, nothing lost', async () => {
    const app = await startYizhan({ DATA_DIR: dataDir, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1' })
    let exited: number | null | undefined
    app.child.on('exit', (code) => { exited = code })
    const base = `http://127.0.0.1:${app.port}`
    const traffic = await intakeTraffic(base, PASSWORD)
    try {
      while (traffic.created.size < 10) await new Promise((r) => setTimeout(r, 50))
      const kills = await terminateBackends(embeddedInfo(dataDir).url, 2000)
      expect(kills).toBeGreaterThan(0)
      expect(exited).toBeUndefined()
      const before = traffic.created.size
      while (traffic.created.size < before + 10) await new Promise((r) => setTimeout(r, 50))

      const oldPid = embeddedInfo(dataDir).pid
      const { recoveredMs, healthStatuses } = await killPostmaster(base, dataDir, 30_000, true).catch((e: Error) => {
        const said = app.output().split('\n').filter((l) => l.includes('内置数据库')).join('\n')
        throw new Error(`${e.message}\nsupervisor said:\n${said}\npostgres.log:\n${fs.readFileSync(path.join(dataDir, 'postgres.log'), 'utf8').split('\n').slice(-15).join('\n')}`)
      })
      expect(recoveredMs).toBeLessThan(30_000)
      expect(healthStatuses.get(503)).toBeGreaterThan(0) // /healthz said so meanwhile
      expect(embeddedInfo(dataDir).pid).not.toBe(oldPid)
      const after = traffic.created.size
      while (traffic.created.size < after + 10) await new Promise((r) => setTimeout(r, 50))
    } finally { await traffic.stop() }
    expect(exited).toBeUndefined()
    // Every answer was a case or a 503 that says why and when to retry; never a refused connection or a 500.
    expect([...traffic.statuses.keys()].sort()).toEqual(expect.arrayContaining([201]))
    for (const status of traffic.statuses.keys()) expect([201, 503]).toContain(status)
    for (const k of traffic.refusals.keys()) expect(k).toBe('database_unavailable/5')
    expect(app.output()).toContain('内置数据库进程已退出') // said so in the log
    expect(app.output()).toContain('仅通过 Unix 套接字重新启动') // its TCP port was taken meanwhile: back on its socket

    const check = await verifyCases(base, PASSWORD, traffic)
    expect(check.lost).toEqual([])
    expect(check.doubled).toBe(0)
    expect(await stop(app.child, 'SIGTERM')).toBe(0)
  }, 240_000)
})
