// The one clock services read: the system clock in production, a settable one for tests and the demo-history
// generator. Dates in the domain are China dates (Asia/Shanghai, UTC+8 all year, no daylight saving).
import type { IsoDate } from './calendar.js'

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that stands still until set or advanced. */
export class SettableClock implements Clock {
  private t: number
  constructor(start: Date | string = new Date()) { this.t = new Date(start).getTime() }
  now(): Date { return new Date(this.t) }
  set(at: Date | string): void { this.t = new Date(at).getTime() }
  advance(ms: number): void { this.t += ms }
}

const CHINA_OFFSET_MS = 8 * 3600_000

/** The China calendar date of an instant. */
export function chinaDate(at: Date): IsoDate {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** Today's China date on `clock`. */
export function today(clock: Clock): IsoDate {
  return chinaDate(clock.now())
}
