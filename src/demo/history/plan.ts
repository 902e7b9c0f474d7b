// How much history each center gets, month by month: shaped so the district report's own figures come back on the
// seed's date (the last May 31, `seedDate`): 梁子镇 a little over 3000 cases accepted since January 1 of the year
// before, 涂家垴镇 a little over 1100 visits — hall tickets — from January to May, 长岭镇 clearly the fewest; the
// district center opens on its founding day (May of last year). Pure and deterministic.
import { addDays, dayNumber, type IsoDate } from '../../domain/calendar.js'

/** Window cases per month at a center: [last year's months, this year's January–May, this year's June–December]. */
export const MONTHLY: Record<string, [number, number, number]> = {
  D01: [32, 32, 32],
  T01: [36, 36, 36],
  T02: [176, 194, 150],
  T03: [34, 34, 34],
  T04: [55, 205, 90],
  T05: [5, 5, 5],
}
/** Enquiry-only visits per month (a ticket, served, no case), same shape as MONTHLY. */
export const ENQUIRIES: Record<string, [number, number, number]> = {
  D01: [3, 3, 3],
  T01: [4, 4, 4],
  T02: [10, 10, 10],
  T03: [4, 4, 4],
  T04: [6, 20, 9],
  T05: [1, 1, 1],
}
/** Agency cases per month a town's village agents start in its rooms (village coverage, hops up and back down). */
export const VILLAGE_MONTHLY = 2
/** 容缺 and 一件事 intakes per month at the district center (where the bundles and the 容缺 items are), on top of MONTHLY. */
export const FEWER_TRIPS_MONTHLY: Record<string, { deferral: number; bundle: number }> = { D01: { deferral: 4, bundle: 3 } }
/** Shares of window cases: 上报 to a district department (towns), a missing material (a second trip). */
export const FORWARD_SHARE = 0.08
export const CORRECTION_SHARE = 0.06
/** Of the cases left in correction, those whose applicant never brings the material: refused (不予受理) two days later. */
export const REFUSE_SHARE = 0.3
/** Promised cases whose department takes longer than promised (some get an approved extension first), and those denied. */
export const LATE_SHARE = 0.12
export const DENY_SHARE = 0.04

/** The seed's date: the last May 31 on or before `day` (the district report counts January–May). */
export function seedDate(day: IsoDate): IsoDate {
  const y = Number(day.slice(0, 4))
  return day.slice(5) >= '05-31' ? `${y}-05-31` : `${y - 1}-05-31`
}

/**
 * Window cases (MONTHLY) plus village agency cases a center is planned to make in [from, to], on these working days
 * (the generator spreads each month over its working days exactly so). Correction refusals are not subtracted.
 */
export function plannedCases(code: string, workdays: IsoDate[], from: IsoDate, to: IsoDate, seedYear: number): number {
  let n = 0
  const byMonth = new Map<string, IsoDate[]>()
  for (const d of workdays) byMonth.set(d.slice(0, 7), [...(byMonth.get(d.slice(0, 7)) ?? []), d])
  for (const days of byMonth.values()) {
    days.forEach((d, k) => {
      if (d < from || d > to) return
      n += casesOnDay(monthlyCount(code, d, seedYear), k, days.length) + (code.startsWith('T') ? casesOnDay(VILLAGE_MONTHLY, k, days.length) : 0)
    })
  }
  return n
}

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

/** Open minutes after the hall opens (visits.at places them in its hours) of a day's `n` visits, in order, all within `span`. */
export function visitTimes(r: () => number, n: number, span: number): number[] {
  return Array.from({ length: n }, () => Math.floor(r() * span)).sort((a, b) => a - b)
}

/** Every date from `from` to `to` inclusive. */
export function daysBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = []
  for (let d = from; dayNumber(d)! <= dayNumber(to)!; d = addDays(d, 1)) out.push(d)
  return out
}
