import { describe, expect, it } from 'vitest'
import { makeCalendar } from '../../src/domain/calendar.js'
import { receiptTime } from '../../src/domain/offline-receipt.js'

const cal = makeCalendar([], [2026])
const server = new Date('2026-03-04T02:00:00Z') // Wednesday 10:00 in China

describe('offline receipt time', () => {
  it('keeps the device time when the clocks agree within five minutes', () => {
    const r = receiptTime(cal, { receivedAt: '2026-03-03T01:00:00Z', deviceNow: '2026-03-04T01:58:00Z' }, server, 3)
    expect(r).toMatchObject({ ok: true, corrected: false, offsetMs: 120_000 })
    expect(r.ok && r.receivedAt.toISOString()).toBe('2026-03-03T01:00:00.000Z')
  })
  it('corrects by the offset and flags it beyond five minutes', () => {
    const r = receiptTime(cal, { receivedAt: '2026-03-03T03:00:00Z', deviceNow: '2026-03-04T04:00:00Z' }, server, 3)
    expect(r).toMatchObject({ ok: true, corrected: true, offsetMs: -7_200_000 })
    expect(r.ok && r.receivedAt.toISOString()).toBe('2026-03-03T01:00:00.000Z')
  })
  it('refuses a receipt after the device now, and one older than the working days allowed', () => {
    expect(receiptTime(cal, { receivedAt: '2026-03-04T02:00:00Z', deviceNow: '2026-03-04T01:00:00Z' }, server, 3)).toMatchObject({ ok: false, problem: { field: 'body.offline.receivedAt' } })
    // Friday 2026-02-27 + 3 working days = Wednesday 03-04: still in time; Thursday 02-26 is not
    expect(receiptTime(cal, { receivedAt: '2026-02-27T02:00:00Z', deviceNow: '2026-03-04T02:00:00Z' }, server, 3).ok).toBe(true)
    expect(receiptTime(cal, { receivedAt: '2026-02-26T02:00:00Z', deviceNow: '2026-03-04T02:00:00Z' }, server, 3)).toMatchObject({ ok: false, problem: { field: 'body.offline.receivedAt' } })
    expect(receiptTime(cal, { receivedAt: 'x', deviceNow: '2026-03-04T02:00:00Z' }, server, 3).ok).toBe(false)
  })
  it('never puts the receipt after the server now', () => {
    const r = receiptTime(cal, { receivedAt: '2026-03-04T02:03:00Z', deviceNow: '2026-03-04T02:04:00Z' }, server, 3)
    expect(r.ok && r.receivedAt.toISOString()).toBe(server.toISOString())
  })
})
