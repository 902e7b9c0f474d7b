// kill -9 in the middle of an intake load: after a restart on the same DATA_DIR every case that got a 201 is there,
// and retrying every requestId gives back the same case (0 lost, 0 doubled).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startYizhan, stop } from '../../bench/lib.js'
import { idNumbers } from '../../bench/load-worker.js'
import { clerkSession as session, immediateItem } from '../../bench/db-drill.js'

let dataDir = ''
const PASSWORD = 'crash-Pass-2'
const env = () => ({ DATA_DIR: dataDir, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1' })

describe.skipIf(!!process.env.TEST_DATABASE_URL)('intake survives kill -9', () => {
  beforeAll(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-intake-crash-')) })
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('0 lost, 0 doubled', async () => {
    const first = await startYizhan(env())
    let base = `http://127.0.0.1:${first.port}`
    const s1 = await session(base, PASSWORD)
    const item = await immediateItem(base, s1.centerId)
    const ids = idNumbers(100)
    const bodies = new Map<string, string>()
    const created = new Map<string, number>()
    let n = 0
    let killed = false
    const unexpected: string[] = []
    const send = async (h: Record<string, string>, requestId: string) => {
      const res = await fetch(`${base}/api/cases`, { method: 'POST', headers: h, body: bodies.get(requestId) })
      return { status: res.status, body: await res.json().catch(() => ({})) as { id?: number } }
    }
    const client = async (c: number) => {
      while (!killed) {
        n += 1
        const requestId = `crash-${c}-${n}`
        bodies.set(requestId, JSON.stringify({
          requestId, itemId: item.id, centerId: s1.centerId, complete: true,
          applicant: { kind: 'person', name: '刘测试', idNumber: ids[n % ids.length], phone: '13700000000' },
          materials: item.materials.map((m) => ({ materialId: m, received: true })),
        }))
        let r
        try { r = await send(s1.headers, requestId) } catch { continue } // the server died mid-request: decided after the restart
        if (r.status === 201) created.set(requestId, r.body.id!)
        else unexpected.push(`${requestId}: ${r.status}`)
      }
    }
    const clients = Array.from({ length: 8 }, (_, c) => client(c))
    while (created.size < 40) await new Promise((r) => setTimeout(r, 20))
    await stop(first.child, 'SIGKILL')
    killed = true
    await Promise.all(clients)
    expect(created.size).toBeGreaterThanOrEqual(40)
    expect(unexpected).toEqual([])

    const second = await startYizhan(env())
    base = `http://127.0.0.1:${second.port}`
    const s2 = await session(base, PASSWORD)
    const byRequest = new Map<string, number>()
    for (const requestId of bodies.keys()) {
      const r = await send(s2.headers, requestId)
      expect([200, 201]).toContain(r.status)
      if (created.has(requestId)) {
        expect(r.status, `lost ${requestId}`).toBe(200) // every 201 survived
        expect(r.body.id).toBe(created.get(requestId))
      }
      byRequest.set(requestId, r.body.id!)
    }
    expect(new Set(byRequest.values()).size).toBe(bodies.size) // one case per requestId
    let listed = 0; let cursor: string | null = null
    do {
      const page = await (await fetch(`${base}/api/cases?mine=true&limit=200${cursor ? `&cursor=${cursor}` : ''}`, { headers: s2.headers })).json() as { cases: unknown[]; nextCursor: string | null }
      listed += page.cases.length
      cursor = page.nextCursor
    } while (cursor)
    expect(listed).toBe(bodies.size) // nothing doubled
    expect(await stop(second.child, 'SIGTERM')).toBe(0)
  }, 240_000)
})
