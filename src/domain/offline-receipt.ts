// The legal receipt time of an intake recorded on a phone without a signal (issue 20): the time the villager handed
// the papers over, on the device's clock, corrected by the device's clock offset when that exceeds five minutes
// (server now − the device's now at sending). A receipt later than the device's own now, or more than the configured
// working days old when it reaches the server, is refused naming the field. Pure: the caller gives both clocks.
import { addWorkingDays, type Calendar } from './calendar.js'
import { chinaDate } from './clock.js'
import type { FieldProblem } from './errors.js'

export const CLOCK_TOLERANCE_MS = 5 * 60_000
/** Offline numbers: OFL-<device code>-<sequence>, a permanent alias of the case's real number. */
export const OFFLINE_NUMBER = /^OFL-[0-9A-Z]{4,12}-\d{1,6}$/

export interface OfflineStamp { receivedAt: string; deviceNow: string }
export type Receipt = { ok: true; receivedAt: Date; offsetMs: number; corrected: boolean } | { ok: false; problem: FieldProblem }

export function receiptTime(cal: Calendar, stamp: OfflineStamp, serverNow: Date, maxWorkdays: number): Receipt {
  const at = new Date(stamp.receivedAt)
  const device = new Date(stamp.deviceNow)
  if (Number.isNaN(at.getTime())) return { ok: false, problem: { field: 'body.offline.receivedAt', message: '受理时间无效' } }
  if (Number.isNaN(device.getTime())) return { ok: false, problem: { field: 'body.offline.deviceNow', message: '设备时间无效' } }
  if (at.getTime() > device.getTime() + 1000) return { ok: false, problem: { field: 'body.offline.receivedAt', message: '受理时间晚于设备当前时间' } }
  const offsetMs = serverNow.getTime() - device.getTime()
  const corrected = Math.abs(offsetMs) > CLOCK_TOLERANCE_MS
  // Uncorrected, a device a few minutes fast could put the receipt after the server's now: it is never later.
  const receivedAt = new Date(Math.min(serverNow.getTime(), at.getTime() + (corrected ? offsetMs : 0)))
  const last = addWorkingDays(cal, chinaDate(receivedAt), maxWorkdays)
  if (chinaDate(serverNow) > last) {
    return { ok: false, problem: { field: 'body.offline.receivedAt', message: `离线受理须在 ${maxWorkdays} 个工作日内同步（受理于 ${chinaDate(receivedAt)}，最迟 ${last}）` } }
  }
  return { ok: true, receivedAt, offsetMs, corrected }
}

/** The note of the agency event for an offline receipt. */
export function offlineNote(r: { offsetMs: number; corrected: boolean }, syncedAt: Date): string {
  const min = Math.round(r.offsetMs / 60_000)
  return `离线受理，${syncedAt.toISOString()} 同步${r.corrected ? `；设备时钟偏差 ${min} 分钟，受理时间已按服务器时间校正` : ''}`
}
