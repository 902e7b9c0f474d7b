// How much history each center gets, month by month: shaped so the district report's own figures come back
// (梁子镇 a little over 3000 cases since January 1 of last year, 涂家垴镇 a little over 1100 visits — hall tickets —
// from January to May of this year, 长岭镇 clearly the fewest). Pure and deterministic.
import { addDays, dayNumber, type IsoDate } from '../../domain/calendar.js'

/** Window cases per month at a center: [last year's months, this year's January–May, this year's June–December]. */
export const MONTHLY: Record<string, [number, number, number]> = {
  D01: [32, 32, 32],
  T01: [36, 36, 36],
  T02: [124, 134, 134],
  T03: [34, 34, 34],
  T04: [55, 200, 90],
  T05: [5, 5, 5],
}
/** Enquiry-only visits per month (a ticket, served, no case), same shape as MONTHLY. */
export const ENQUIRIES: Record<string, [number, number, number]> = {
  D01: [3, 3, 3],
  T01: [4, 4, 4],
  T02: [10, 10, 10],
  T03: [4, 4, 4],
  T04: [6, 14, 9],
  T05: [1, 1, 1],
}
/** Agency cases per month a town's village agents start in its rooms (village coverage, hops up and back down). */
export const VILLAGE_MONTHLY = 2
/** Shares of window cases: 上报 to a district department (towns), a missing material (a second trip). */
export const FORWARD_SHARE = 0.08
export const CORRECTION_SHARE = 0.06

/** The halls (kiosk, tickets, window calling) open on January 1 of this year: visits are tickets from then on. */
export const hallOpens = (lastDay: IsoDate): IsoDate => `${lastDay.slice(0, 4)}-01-01`

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

/** Each case draws from its own seeded sequence, so a day redone after a restart picks the same clerks and items. */
export function seeded(day: IsoDate, key: string): () => number {
  let h = 2166136261
  for (const ch of day + key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  return rng(h >>> 0)
}

function pickMonth(table: Record<string, [number, number, number]>, code: string, day: IsoDate, thisYear: number): number {
  const m = table[code]
  if (!m) return 0
  const y = Number(day.slice(0, 4)); const mo = Number(day.slice(5, 7))
  return y < thisYear ? m[0] : mo <= 5 ? m[1] : m[2]
}

export const monthlyCount = (code: string, day: IsoDate, thisYear: number) => pickMonth(MONTHLY, code, day, thisYear)
export const monthlyEnquiries = (code: string, day: IsoDate, thisYear: number) => pickMonth(ENQUIRIES, code, day, thisYear)

/**
 * How many cases a center records on `day` (a working day), spreading the month's count evenly over its
 * `workdays` working days: day k of n gets floor((k+1)·N/n) − floor(k·N/n).
 */
export function casesOnDay(perMonth: number, k: number, workdays: number): number {
  return Math.floor(((k + 1) * perMonth) / workdays) - Math.floor((k * perMonth) / workdays)
}

/** Minutes after 09:00 (the hall opens) of a day's `n` visits, in order, all before 16:30. */
export function visitTimes(r: () => number, n: number): number[] {
  return Array.from({ length: n }, () => Math.floor(r() * 450)).sort((a, b) => a - b)
}

/** Every date from `from` to `to` inclusive. */
export function daysBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = []
  for (let d = from; dayNumber(d)! <= dayNumber(to)!; d = addDays(d, 1)) out.push(d)
  return out
}
