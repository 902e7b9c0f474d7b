// A small file system made for the test (tmpfs, when this machine lets us mount one): DATA_DIR on it, then a file
// fills it until its free space is under STORAGE_FLOOR_MB. The real `npm start` refuses writes with 503 storage_low
// (reads go on, /healthz 200 writable: false) instead of letting PostgreSQL PANIC; when the file is removed, writes
// resume by themselves and every case acknowledged before is there.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startYizhan, stop } from '../../bench/lib.js'
import { intakeTraffic, verifyCases } from '../../bench/db-drill.js'

const PASSWORD = 'disk-Pass-1'
const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-small-disk-'))
const mounted = !process.env.TEST_DATABASE_URL && process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=700m', 'tmpfs', mnt]).status === 0
if (!mounted) fs.rmSync(mnt, { recursive: true, force: true })
const MiB = 1024 * 1024
const freeMiB = () => { const s = fs.statfsSync(mnt); return (s.bavail * s.bsize) / MiB }

async function health(base: string) { return (await fetch(`${base}/healthz`)).json() as Promise<{ status: string; writable?: false }> }
async function until(check: () => Promise<boolean>, ms: number) {
  const end = Date.now() + ms
  while (Date.now() < end) { if (await check()) return true; await new Promise((r) => setTimeout(r, 200)) }
  return false
}

describe.skipIf(!mounted)('npm start on a small disk', () => {
  beforeAll(() => fs.chmodSync(mnt, 0o755))
  afterAll(() => { spawnSync('umount', ['-l', mnt]); fs.rmSync(mnt, { recursive: true, force: true }) })

  it('under the floor: writes 503 storage_low, reads go on; space back: writes resume by themselves, nothing lost', async () => {
    const dataDir = path.join(mnt, 'data')
    const app = await startYizhan({ DATA_DIR: dataDir, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1', STORAGE_FLOOR_MB: '100' })
    const base = `http://127.0.0.1:${app.port}`
    expect(await health(base)).toEqual({ status: 'ok' })
    const traffic = await intakeTraffic(base, PASSWORD, { clients: 1, pauseMs: 100 })
    try {
      while (traffic.created.size < 5) await new Promise((r) => setTimeout(r, 50))
      // Leave 60 MiB free: under the floor of 100, far from PostgreSQL running out.
      const filler = path.join(mnt, 'filler')
      const fd = fs.openSync(filler, 'w')
      const chunk = Buffer.alloc(8 * MiB, 1)
      while (freeMiB() > 60 + 8) fs.writeSync(fd, chunk)
      fs.closeSync(fd)
      expect(await until(async () => (await health(base)).writable === false, 15_000)).toBe(true)
      const refusedBefore = traffic.refusals.get('storage_low/30') ?? 0
      await until(async () => (traffic.refusals.get('storage_low/30') ?? 0) > refusedBefore + 2, 5000)
      expect(traffic.refusals.get('storage_low/30') ?? 0).toBeGreaterThan(refusedBefore)
      expect((await fetch(`${base}/api/public/items`)).status).toBe(200)

      fs.rmSync(filler)
      expect(await until(async () => (await health(base)).writable === undefined, 15_000)).toBe(true)
      const created = traffic.created.size
      expect(await until(async () => traffic.created.size > created + 3, 10_000)).toBe(true)
    } finally { await traffic.stop() }
    for (const status of traffic.statuses.keys()) expect([201, 503]).toContain(status)
    expect([...traffic.refusals.keys()]).toEqual(['storage_low/30'])
    const check = await verifyCases(base, PASSWORD, traffic)
    expect(check.lost).toEqual([])
    expect(check.doubled).toBe(0)
    expect(app.output()).toContain('storage_low')
    expect(await stop(app.child, 'SIGTERM')).toBe(0)
  }, 240_000)
})
