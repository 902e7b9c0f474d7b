// The open findings of the last security review, each replayed with the request that showed it: guessing a booking
// code, flooding the display stream, an empty category update, codes in the log, downloads without no-store, and
// names with line breaks and markup written into the district's report.
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pino from 'pino'
import { loadConfig } from '../../src/config.js'
import { logSender } from '../../src/features/messages/sender.js'
import { buildApp } from '../../src/server/app.js'
import { loggerOptions } from '../../src/server/logger.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { CapturingSender, demoDistrict, TestClock, TUESDAY_10 } from '../helpers/hall.js'

let t: TestApp
let base: string
let manager: Client
let d: Awaited<ReturnType<typeof demoDistrict>>
let cat: number
const lines: string[] = []
const clock = new TestClock(new Date(TUESDAY_10))
const sms = new CapturingSender()
const STREAMS = { perAddress: 3, total: 5 }

const post = (url: string, payload: object, remoteAddress = '127.0.0.1') => t.app.inject({ method: 'POST', url, payload, remoteAddress })

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock, smsSender: sms, config: { displayStreams: STREAMS } })
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
  d = await demoDistrict(t.db)
  manager = await t.login('district.manager1')
  cat = (await manager.post('/api/hall/categories', { centerId: d.center.id, prefix: 'S', name: '安全测试' })).json().id
})
afterAll(() => t.close())

async function bookOne(phone: string) {
  await post('/api/public/appointments/codes', { phone })
  const res = await post('/api/public/appointments', { centerId: d.center.id, categoryId: cat, day: '2026-03-11', start: '14:00', phone, code: sms.lastCode(phone) })
  expect(res.statusCode).toBe(201)
  return res.json() as { id: number; bookingCode: string }
}

describe('booking codes cannot be guessed', () => {
  it('wrong codes from one address for one appointment end in 429 with Retry-After; the owner elsewhere still cancels', async () => {
    const phone = '13700000001'
    const a = await bookOne(phone)
    const attacker = '10.9.9.9'
    const { max } = loadConfig({}).rateLimits.appointmentCode
    const statuses: number[] = []
    let refused
    for (let guess = 0; guess < 300 && !refused; guess++) {
      const code = String(guess).padStart(6, '0') === a.bookingCode ? '999999' : String(guess).padStart(6, '0')
      const res = await post(`/api/public/appointments/${a.id}/cancel`, { phone, bookingCode: code }, attacker)
      statuses.push(res.statusCode)
      if (res.statusCode === 429) refused = res
    }
    expect(statuses.slice(0, max).every((s) => s === 404)).toBe(true)
    expect(statuses).toHaveLength(max + 1)
    expect(refused!.json().error.code).toBe('rate_limited')
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0)
    // The right code from the guessing address is refused too: the guessing is over for this appointment.
    expect((await post(`/api/public/appointments/${a.id}/cancel`, { phone, bookingCode: a.bookingCode }, attacker)).statusCode).toBe(429)
    const row = await t.db.selectFrom('hall_appointments').select('status').where('id', '=', a.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('booked')
    // The appointment is not locked: its owner, on another address, cancels it.
    const own = await post(`/api/public/appointments/${a.id}/cancel`, { phone, bookingCode: a.bookingCode }, '10.1.1.1')
    expect(own.statusCode).toBe(200)
    expect(own.json().status).toBe('cancelled')
  })

  it('one address trying many appointments meets the per-address limit', async () => {
    const { max } = loadConfig({}).rateLimits.appointment
    const statuses: number[] = []
    for (let id = 900_000; id < 900_000 + max + 1; id++) {
      statuses.push((await post(`/api/public/appointments/${id}/reschedule`, { phone: '13700000002', bookingCode: '123456', day: '2026-03-11', start: '10:00' }, '10.8.8.8')).statusCode)
    }
    expect(statuses.slice(0, max).every((s) => s === 404)).toBe(true)
    expect(statuses[max]).toBe(429)
  })
})

describe('the anonymous display stream is capped', () => {
  it('per address (429) and in total (503), each with Retry-After; a board gets in again once a place frees', async () => {
    const url = `${base}/api/centers/${d.center.id}/display/events`
    const open: AbortController[] = []
    const connect = async () => {
      const ac = new AbortController()
      const res = await fetch(url, { signal: ac.signal })
      if (res.status === 200) open.push(ac)
      else await res.body?.cancel()
      return res
    }
    for (let i = 0; i < STREAMS.perAddress; i++) expect((await connect()).status).toBe(200)
    const perAddress = await connect()
    expect(perAddress.status).toBe(429)
    expect(Number(perAddress.headers.get('retry-after'))).toBeGreaterThan(0)
    // The whole process's limit, from other addresses (injected requests carry their own address).
    const others = await Promise.all(Array.from({ length: STREAMS.total - STREAMS.perAddress }, (_, i) =>
      t.app.inject({ url: `/api/centers/${d.center.id}/display/events`, remoteAddress: `10.7.0.${i + 1}`, payloadAsStream: true })))
    expect(others.map((r) => r.statusCode)).toEqual(others.map(() => 200))
    const full = await t.app.inject({ url: `/api/centers/${d.center.id}/display/events`, remoteAddress: '10.7.1.1' })
    expect(full.statusCode).toBe(503)
    expect(full.json().error.code).toBe('display_busy')
    expect(Number(full.headers['retry-after'])).toBeGreaterThan(0)
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200)
    for (const r of others) r.stream().destroy()
    open.pop()!.abort()
    await new Promise((r) => setTimeout(r, 200))
    expect((await connect()).status).toBe(200) // a board reconnecting gets its place back
    for (const ac of open) ac.abort()
  })
})

describe('an empty category update', () => {
  it('PATCH {"itemIds":[]} clears the items (200), never a 500', async () => {
    const set = await manager.patch(`/api/hall/categories/${cat}`, { itemIds: [d.itemIds[0]] })
    expect(set.json().items).toHaveLength(1)
    const res = await manager.patch(`/api/hall/categories/${cat}`, { itemIds: [] })
    expect(res.statusCode).toBe(200)
    expect(res.json().items).toEqual([])
    expect(res.json().name).toBe('安全测试')
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity', '=', 'hall_category').where('entity_id', '=', String(cat)).execute()
    expect(audit.filter((a) => a.action === 'hall.category.update')).toHaveLength(2)
    expect((await manager.patch(`/api/hall/categories/${cat}`, {})).statusCode).toBe(400) // nothing to change
  })
})

describe('signed-in downloads are never cached', () => {
  it('statistics xlsx, report markdown and docx, items export: Cache-Control no-store', async () => {
    for (const url of [
      '/api/statistics?from=2026-01-01&to=2026-03-10&groupBy=item&format=xlsx',
      '/api/reports/operations?asOf=2026-03-10&format=markdown', '/api/reports/operations?asOf=2026-03-10&format=docx',
      '/api/items/export.xlsx',
    ]) {
      const res = await manager.get(url)
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-disposition'], url).toContain('attachment')
      expect(res.headers['cache-control'], url).toBe('no-store')
    }
  })
})

describe('names with control characters and markup', () => {
  it('window and center names with a line break are refused with 400 naming the field', async () => {
    const lz = await t.db.selectFrom('centers').select('id').where('name', '=', '梁子镇便民服务中心').executeTakeFirstOrThrow()
    const town = await t.login('liangzi.manager')
    const w = await t.db.selectFrom('windows').select('id').where('center_id', '=', lz.id).orderBy('id').executeTakeFirstOrThrow()
    for (const name of ['综合服务\n# 注入标题', '综合\r服务', '综合\t服务', '综合\u2028服务']) {
      const res = await town.patch(`/api/windows/${w.id}`, { name })
      expect(res.statusCode, JSON.stringify(name)).toBe(400)
      expect(res.json().error.details[0].field).toBe('body.name')
      const c = await manager.patch(`/api/centers/${lz.id}`, { name })
      expect(c.statusCode).toBe(400)
      expect(c.json().error.details[0].field).toBe('body.name')
    }
  })

  it('the markdown report escapes markup in a window name; the docx still opens', async () => {
    const lz = await t.db.selectFrom('centers').select('id').where('name', '=', '梁子镇便民服务中心').executeTakeFirstOrThrow()
    const w = await t.db.selectFrom('windows').select('id').where('center_id', '=', lz.id).orderBy('id').executeTakeFirstOrThrow()
    const town = await t.login('liangzi.manager')
    expect((await town.patch(`/api/windows/${w.id}`, { name: '<img src=x onerror=alert(1)> **值班** [链接](http://x)' })).statusCode).toBe(200)
    // A name stored before names refused line breaks is still written on one line.
    await t.db.updateTable('windows').set({ name: '旧窗口\n# 注入标题' }).where('center_id', '=', lz.id).where('id', '!=', w.id).execute()
    const md = (await manager.get('/api/reports/operations?asOf=2026-03-10&format=markdown')).body
    expect(md).not.toMatch(/(^|[^\\])<img/m) // only escaped: shown as text, never an HTML tag
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> \\*\\*值班\\*\\* \\[链接\\](http://x)')
    expect(md).not.toMatch(/^# 注入标题/m)
    expect(md).toContain('旧窗口 \\# 注入标题')
    const docx = await manager.get('/api/reports/operations?asOf=2026-03-10&format=docx')
    expect(docx.statusCode).toBe(200)
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK')
  })
})

describe('codes never in clear in the log', () => {
  it('the progress URL, the verification code SMS, the outbox SMS text and booking codes are masked', async () => {
    const app = await buildApp({ db: t.db, clock, config: { ...t.config, logLevel: 'info', logFormat: 'json' }, logStream: { write: (l) => { lines.push(l) } } })
    await app.ready()
    try {
      await app.inject({ url: '/api/public/progress?number=D01-2026-000001&code=AB12CD' })
      expect((await app.inject({ method: 'POST', url: '/api/public/appointments/codes', payload: { phone: '13700000009' } })).statusCode).toBe(202)
    } finally { await app.close() }
    const outbox = logSender(pino(loggerOptions('info'), { write: (l: string) => { lines.push(l) } }))
    await outbox.send({ id: 1, caseId: 1, phone: '13800000000', templateKey: 'accepted', body: '【一站】您申请的“事项”已于中心受理，办件编号D01-2026-000001，查询码K7P2QX，承诺…' } as never)
    pino(loggerOptions('info'), { write: (l: string) => { lines.push(l) } }).info({ appointment: { id: 1, bookingCode: '552211' } }, 'booked')

    const all = lines.join('\n')
    expect(all).toContain('/api/public/progress?number=D01-2026-000001&code=***')
    expect(all).toContain('验证码为 ***')
    expect(all).toContain('查询码***')
    for (const secret of ['AB12CD', 'K7P2QX', '552211']) expect(all).not.toContain(secret)
    const smsLine = lines.find((l) => l.includes('验证码') && l.includes('"body"'))!
    expect(JSON.parse(smsLine).body).not.toMatch(/\d{6}/)
    expect(all).toContain('D01-2026-000001') // the case number stays readable
  })
})
