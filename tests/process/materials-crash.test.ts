// kill -9 while photos are being uploaded: after a restart on the same DATA_DIR every upload that got a 201 is there
// with the bytes of its checksum, every file the case lists can be read whole (no case pointing at a missing file),
// and none exists without its case (the bytes live in the case's database, written in one transaction).
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startYizhan, stop } from '../../bench/lib.js'
import { idNumbers } from '../../bench/load-worker.js'
import { clerkSession as session, immediateItem } from '../../bench/db-drill.js'

let dataDir = ''
const PASSWORD = 'crash-Pass-3'
const env = () => ({ DATA_DIR: dataDir, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1', YIZHAN_DEMO_HISTORY: '0' })
const sha = (b: Buffer | ArrayBuffer) => crypto.createHash('sha256').update(Buffer.from(b as ArrayBuffer)).digest('hex')

describe.skipIf(!!process.env.TEST_DATABASE_URL)('material uploads survive kill -9', () => {
  beforeAll(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-materials-crash-')) })
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('no orphan on either side', async () => {
    const first = await startYizhan(env())
    let base = `http://127.0.0.1:${first.port}`
    const s1 = await session(base, PASSWORD)
    const item = await immediateItem(base, s1.centerId)
    const c = await (await fetch(`${base}/api/cases`, { method: 'POST', headers: s1.headers, body: JSON.stringify({
      requestId: 'crash-files', itemId: item.id, centerId: s1.centerId, applicant: { kind: 'person', name: '刘测试', idNumber: idNumbers(1)[0], phone: '13700000000' },
      materials: item.materials.map((m) => ({ materialId: m, received: true })),
    }) })).json() as { id: number; status: string }
    expect(c.status).toBe('accepted')
    const { 'content-type': _json, ...auth } = s1.headers
    const created = new Map<number, string>()
    let killed = false
    let n = 0
    const client = async () => {
      while (!killed) {
        n += 1
        const raw = crypto.randomBytes(300 * 200 * 3)
        const photo = await sharp(raw, { raw: { width: 300, height: 200, channels: 3 } }).jpeg().toBuffer()
        const form = new FormData()
        form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), `p${n}.jpg`)
        try {
          const res = await fetch(`${base}/api/cases/${c.id}/files`, { method: 'POST', headers: auth, body: form })
          const f = await res.json() as { id: number; sha256: string }
          if (res.status === 201) created.set(f.id, f.sha256)
        } catch { /* the server died mid-request */ }
      }
    }
    const clients = Array.from({ length: 6 }, () => client())
    while (created.size < 20) await new Promise((r) => setTimeout(r, 20))
    await stop(first.child, 'SIGKILL')
    killed = true
    await Promise.all(clients)

    const second = await startYizhan(env())
    base = `http://127.0.0.1:${second.port}`
    const s2 = await session(base, PASSWORD)
    const listed = (await (await fetch(`${base}/api/cases/${c.id}/files`, { headers: s2.headers })).json()).files as { id: number; sha256: string; size: number }[]
    for (const [id, sum] of created) expect(listed.find((f) => f.id === id)?.sha256, `lost file ${id}`).toBe(sum) // every 201 survived
    for (const f of listed) { // every listed file is whole
      const bytes = await (await fetch(`${base}/api/cases/${c.id}/files/${f.id}`, { headers: s2.headers })).arrayBuffer()
      expect(bytes.byteLength).toBe(f.size)
      expect(sha(bytes)).toBe(f.sha256)
    }
    expect(listed.length).toBeGreaterThanOrEqual(created.size)
    expect(await stop(second.child, 'SIGTERM')).toBe(0)
  }, 300_000)
})
