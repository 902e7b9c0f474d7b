// How much history each center gets, month by month: shaped so the district report's own figures come back
// (梁子镇 a little over 3000 cases since January 1 of last year, 涂家垴镇 a little over 1100 visits from January to
// May of this year, 长岭镇 clearly the fewest). Pure and deterministic.
import { addDays, dayNumber, type IsoDate } from '../../domain/calendar.js'

/** Cases per month at a center: [last year's months, this year's January–May, this year's June–December]. */
export const MONTHLY: Record<string, [number, number, number]> = {
  D01: [50, 50, 50],
  T01: [36, 36, 36],
  T02: [128, 140, 140],
  T03: [34, 34, 34],
  T04: [55, 226, 90],
  T05: [5, 5, 5],
}
/** Cases per month started by each town's village agents (village coverage). */
export const VILLAGE_MONTHLY = 6

/** A small seeded generator (mulberry32): the same history on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function monthlyCount(code: string, day: IsoDate, thisYear: number): number {
  const m = MONTHLY[code]
  if (!m) return 0
  const y = Number(day.slice(0, 4)); const mo = Number(day.slice(5, 7))
  return y < thisYear ? m[0] : mo <= 5 ? m[1] : m[2]
}

/**
 * How many cases a center records on `day` (a working day), spreading the month's count evenly over its
 * `workdays` working days: day k of n gets floor((k+1)·N/n) − floor(k·N/n).
 */
export function casesOnDay(perMonth: number, k: number, workdays: number): number {
  return Math.floor(((k + 1) * perMonth) / workdays) - Math.floor((k * perMonth) / workdays)
}

/** Every date from `from` to `to` inclusive. */
export function daysBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = []
  for (let d = from; dayNumber(d)! <= dayNumber(to)!; d = addDays(d, 1)) out.push(d)
  return out
}
