// The CLI beside a running server (npm start as a child process on the embedded database): `report` uses the
// server's database and leaves it running; `migrate down` and `restore` refuse; `backup` copies it online while
// cases are being written; the copy restored into a new folder starts and has every case committed before the
// backup began.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { root, startYizhan, stop, type Started } from '../../bench/lib.js'
import { attachEmbedded } from '../../src/db/running.js'

const exec = promisify(execFile)
const PASSWORD = 'backup-Pass-1'
const dirs: string[] = []
const tmp = (p: string) => { const d = fs.mkdtempSync(path.join(os.tmpdir(), p)); dirs.push(d); return d }
const children: Started[] = []
afterAll(async () => {
  for (const c of children) await stop(c.child)
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

/** `npm run yizhan -- …` on DATA_DIR=dir: its exit code and output. */
async function yizhan(dir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await exec(process.execPath, ['--import', 'tsx', 'src/cli/yizhan.ts', ...args], { cwd: root, env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, maxBuffer: 64 << 20 })
    return { code: 0, out: r.stdout + r.stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, out: err.stdout + err.stderr }
  }
}

async function query<T>(dir: string, text: string, values: unknown[] = []): Promise<T[]> {
  const server = attachEmbedded(dir)!
  const client = new pg.Client({ connectionString: server.url.replace(/\/postgres$/, '/yizhan') })
  await client.connect()
  try { return (await client.query(text, values)).rows as T[] } finally { await client.end() }
}

const healthy = async (port: number) => (await fetch(`http://127.0.0.1:${port}/healthz`)).status

describe.skipIf(!!process.env.TEST_DATABASE_URL)('the CLI beside a running server', () => {
  it('report uses the server\'s database and leaves it running; migrate down and restore refuse; backup runs online and restores', async () => {
    const dir = tmp('yizhan-cli-')
    const server = await startYizhan({ DATA_DIR: dir, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1' })
    children.push(server)
    const base = `http://127.0.0.1:${server.port}`
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'server.json'), 'utf8'))).toMatchObject({ port: server.port })

    const report = await yizhan(dir, 'report', '--as-of', '2026-05-29')
    expect(report.code, report.out).toBe(0)
    expect(report.out).toContain('全区行政服务体系运行情况')
    expect(await healthy(server.port)).toBe(200)

    const down = await yizhan(dir, 'migrate', 'down')
    expect(down.code).toBe(1)
    expect(down.out).toMatch(/cannot migrate down.*stop the server first/s)
    const intoRunning = await yizhan(dir, 'restore', path.join(dir, 'x.tar.gz'))
    expect(intoRunning.code).toBe(1)
    expect(intoRunning.out).toContain('cannot restore')

    // A clerk records cases without pause; the backup starts in the middle of it.
    const login = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'district.clerk1', password: PASSWORD }) })
    const headers = { 'content-type': 'application/json', cookie: login.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': (await login.json()).csrfToken }
    const [item] = await query<{ itemId: number; versionId: number; centerId: number }>(dir, `
      select o.item_id as "itemId", v.id as "versionId", o.center_id as "centerId" from item_offerings o
      join item_versions v on v.item_id = o.item_id and v.status = 'published' join centers c on c.id = o.center_id
      where c.code = 'D01' and v.handling_kind = 'immediate' and 'person' = any(v.targets) order by o.item_id limit 1`)
    const materials = (await query<{ id: number }>(dir, 'select id from item_materials where version_id = $1 order by position', [item.versionId])).map((m) => m.id)
    const committed: { number: string; at: number }[] = []
    let writing = true
    let seq = 0
    const writer = (async () => {
      while (writing) {
        seq += 1
        const res = await fetch(`${base}/api/cases`, { method: 'POST', headers, body: JSON.stringify({
          requestId: `backup-${seq}`, itemId: item.itemId, centerId: item.centerId,
          applicant: { kind: 'person', name: '王小明', idNumber: '11010519491231002X', phone: '13800138000' },
          materials: materials.map((materialId) => ({ materialId, received: true })),
        }) })
        if (res.status !== 201) throw new Error(`intake ${res.status} ${await res.text()}`)
        committed.push({ number: (await res.json()).number, at: performance.now() })
      }
    })()
    while (committed.length < 20) await new Promise((r) => setTimeout(r, 20))

    const file = path.join(tmp('yizhan-bak-'), 'yizhan.tar.gz')
    const began = performance.now()
    const backup = await yizhan(dir, 'backup', file)
    const during = committed.filter((c) => c.at > began).length
    writing = false
    await writer
    expect(backup.code, backup.out).toBe(0)
    expect(backup.out).toContain('已备份 backed up')
    expect(during).toBeGreaterThan(0) // the server kept taking cases while the backup ran
    expect(await healthy(server.port)).toBe(200)
    const before = committed.filter((c) => c.at < began).map((c) => c.number)

    // Restored into a new folder, started as npm start does: every case committed before the backup began is there.
    const restored = tmp('yizhan-restored-')
    const r = await yizhan(restored, 'restore', file)
    expect(r.code, r.out).toBe(0)
    expect(await yizhan(restored, 'restore', file)).toMatchObject({ code: 1 }) // not into a folder with a database
    const second = await startYizhan({ DATA_DIR: restored, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1' })
    children.push(second)
    const found = await query<{ number: string }>(restored, 'select number from cases where number = any($1)', [before])
    expect(found.map((f) => f.number).sort()).toEqual([...before].sort())
    const again = await fetch(`http://127.0.0.1:${second.port}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'district.clerk1', password: PASSWORD }) })
    expect(again.status).toBe(200)
    expect(await healthy(server.port)).toBe(200) // the first server never noticed
  }, 240_000)
})

describe('with an external database', () => {
  it('backup and restore point to pg_dump and PostgreSQL\'s own recovery instead', async () => {
    const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATA_DIR: tmp('yizhan-ext-') }
    for (const cmd of ['backup', 'restore']) {
      const r = await exec(process.execPath, ['--import', 'tsx', 'src/cli/yizhan.ts', cmd, 'x.tar.gz'], { cwd: root, env }).catch((e) => e)
      expect(r.code).toBe(2)
      expect(r.stderr).toContain('pg_dump')
    }
  }, 60_000)
})
