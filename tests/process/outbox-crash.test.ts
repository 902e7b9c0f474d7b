// Messages survive a crash between commit and send: a process that serves without sending (YIZHAN_OUTBOX=off, as
// when another process sends) accepts cases and dies by kill -9; a sender started on the same data dies by kill -9
// while sending; the next one sends what is left. Every message is marked sent exactly once.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startYizhan, stop } from '../../bench/lib.js'

let dataDir = ''
const password = 'outbox-Pass-1'
const env = (extra: Record<string, string> = {}) => ({ DATA_DIR: dataDir, YIZHAN_DEMO_PASSWORD: password, YIZHAN_SKIP_WEB_BUILD: '1', ...extra })

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  expect(res.status).toBe(200)
  const csrf = (await res.json()).csrfToken as string
  const cookie = res.headers.get('set-cookie')!.split(';')[0]
  const h = (write: boolean) => ({ cookie, ...(write ? { 'content-type': 'application/json', 'x-csrf-token': csrf } : {}) })
  return {
    get: async (url: string) => (await fetch(base + url, { headers: h(false) })).json(),
    post: (url: string, body: unknown) => fetch(base + url, { method: 'POST', headers: h(true), body: JSON.stringify(body) }),
  }
}

function idNumber(n: number): string {
  const first17 = `42010219900101${String(n).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

async function allMessages(base: string) {
  const admin = await login(base, 'admin')
  const out: { id: number; status: string; attemptLog: { ok: boolean }[] }[] = []
  let cursor: string | null = null
  do {
    const page: { messages: typeof out; nextCursor: string | null } = await admin.get(`/api/messages?limit=200${cursor ? `&cursor=${cursor}` : ''}`)
    out.push(...page.messages)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

describe.skipIf(!!process.env.TEST_DATABASE_URL)('outbox across kill -9', () => {
  beforeAll(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-outbox-')) })
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('every message written before the crash is sent exactly once after the restart', async () => {
    const first = await startYizhan(env({ YIZHAN_OUTBOX: 'off' }))
    const base = `http://127.0.0.1:${first.port}`
    const clerk = await login(base, 'zhaoshan.clerk1')
    const me = await clerk.get('/api/session')
    const items = await clerk.get(`/api/public/items?centerId=${me.centerId}&pageSize=100`)
    const item = items.items.find((i: { handlingKind: string }) => i.handlingKind === 'promised')
    const full = await clerk.get(`/api/public/items/${item.id}`)
    const N = 40
    for (let i = 0; i < N; i++) {
      const res = await clerk.post('/api/cases', {
        requestId: `crash-${i}`, itemId: item.id, centerId: me.centerId,
        applicant: { kind: 'person', name: '宋春华', idNumber: idNumber(i + 1), phone: '13900001111' },
        materials: full.materials.map((m: { id: number }) => ({ materialId: m.id, received: true })),
      })
      expect(res.status).toBe(201)
    }
    expect((await allMessages(base)).filter((m) => m.status === 'pending')).toHaveLength(N)
    await stop(first.child, 'SIGKILL')

    // A sender killed while it works: whatever it committed stays sent, the rest stays pending.
    const second = await startYizhan(env())
    await new Promise((r) => setTimeout(r, 150))
    await stop(second.child, 'SIGKILL')

    const third = await startYizhan(env())
    const base3 = `http://127.0.0.1:${third.port}`
    let msgs = await allMessages(base3)
    for (let i = 0; i < 100 && msgs.some((m) => m.status !== 'sent'); i++) {
      await new Promise((r) => setTimeout(r, 200))
      msgs = await allMessages(base3)
    }
    expect(msgs).toHaveLength(N)
    expect(msgs.filter((m) => m.status === 'sent')).toHaveLength(N)
    for (const m of msgs) expect(m.attemptLog.filter((a) => a.ok)).toHaveLength(1)
    expect(await stop(third.child, 'SIGTERM')).toBe(0)
  }, 240_000)
})
