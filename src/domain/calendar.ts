// The working-day calendar (工作日): Monday–Friday work, except the days the calendar overrides (statutory holidays,
// 调休 make-up workdays). Pure: dates are 'YYYY-MM-DD' strings, arithmetic is on UTC day numbers, never local time.
import { errors } from './errors.js'

/** 'YYYY-MM-DD', a calendar date in China time (no time, no zone). */
export type IsoDate = string

/** provisional: computed from the statutory rules for a year without its official notice (never stored). */
export type CalendarSource = 'chinese-days' | 'admin' | 'provisional'
export const CALENDAR_SOURCES = ['chinese-days', 'admin', 'provisional'] as const satisfies readonly CalendarSource[]

export interface CalendarDay { workday: boolean; name: string }

export interface Calendar {
  /** Only the exceptions to the weekday rule (plus, harmlessly, named holidays that fall on a weekend). */
  overrides: ReadonlyMap<IsoDate, CalendarDay>
  /** Years whose official schedule is entered; any other year is unconfirmed (provisional when a rule is given). */
  confirmedYears: ReadonlySet<number>
  /** The days off of an unconfirmed year by the statutory rules; stored days of that year win over them. */
  provisional?: (year: number) => readonly { date: IsoDate; name: string }[]
  /** The years a provisional schedule is laid over (unconfirmed ones only). */
  provisionalYears?: readonly [number, number]
}

/** The years the API accepts; wide enough for any real case, narrow enough that arithmetic stays in 4-digit years. */
export const MIN_YEAR = 1900
export const MAX_YEAR = 2999

/**
 * Next year's New Year holiday is announced with next year's schedule yet has reached back into December
 * (2006-12-30/31, 2007-12-29..31, 2011-12-31, 2018-12-29..31 in chinese-days): a range that touches the last
 * week of December is only certain once the following year is confirmed too.
 */
export const NEXT_YEAR_REACHES_BACK_TO = '12-25'

const DAY_MS = 86_400_000
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01 for a real calendar date, else undefined ('2026-02-30', '2026-2-3', ''). */
export function dayNumber(date: string): number | undefined {
  const m = ISO.exec(date)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(0)
  t.setUTCFullYear(y, mo - 1, d) // unlike Date.UTC, keeps years 0–99 as written
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined
  return Math.round(t.getTime() / DAY_MS)
}

export function fromDayNumber(n: number): IsoDate {
  const t = new Date(n * DAY_MS)
  const y = String(t.getUTCFullYear()).padStart(4, '0')
  return `${y}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`
}

/** A real date within MIN_YEAR..MAX_YEAR. */
export function isIsoDate(date: string): boolean {
  const n = dayNumber(date)
  if (n === undefined) return false
  const y = Number(date.slice(0, 4))
  return y >= MIN_YEAR && y <= MAX_YEAR
}

function toDay(date: IsoDate): number {
  const n = dayNumber(date)
  if (n === undefined) throw errors.invalid('invalid_date', `不是有效日期: ${date}`)
  return n
}

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDay(date) + n)
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4))
}

/** The overrides by day number, made once per calendar: day arithmetic then needs no date strings (lists compute
 * the lights of many cases per request, each counting working days across months). */
const overridesByDay = new WeakMap<Calendar, Map<number, boolean>>()

function dayOverrides(cal: Calendar): Map<number, boolean> {
  let m = overridesByDay.get(cal)
  if (!m) {
    m = new Map()
    for (const [date, o] of cal.overrides) { const n = dayNumber(date); if (n !== undefined) m.set(n, o.workday) }
    if (cal.provisional && cal.provisionalYears) {
      for (let y = cal.provisionalYears[0]; y <= cal.provisionalYears[1]; y++) {
        if (cal.confirmedYears.has(y)) continue
        for (const d of cal.provisional(y)) { const n = dayNumber(d.date)!; if (!m.has(n)) m.set(n, false) }
      }
    }
    overridesByDay.set(cal, m)
  }
  return m
}

/** Whether day number `n` is a working day. */
export function isWorkdayN(cal: Calendar, n: number): boolean {
  const o = dayOverrides(cal).get(n)
  if (o !== undefined) return o
  const w = weekday(n)
  return w >= 1 && w <= 5
}

export function isWorkday(cal: Calendar, date: IsoDate): boolean {
  return isWorkdayN(cal, toDay(date))
}

/**
 * The Nth working day after `from`; the day of `from` is not counted (行政许可法 §82: 受理当日不计).
 * n = 0 returns `from` itself, whatever day it is: 即办 items are finished on the spot, the same day the
 * application is accepted, even on a weekend duty day.
 */
export function addWorkingDays(cal: Calendar, from: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw errors.invalid('invalid_days', `工作日数须为非负整数: ${n}`)
  let day = toDay(from)
  for (let left = n; left > 0;) {
    day += 1
    if (isWorkdayN(cal, day)) left -= 1
  }
  return fromDayNumber(day)
}

/**
 * Working days in (from, to]: the inverse of addWorkingDays for n ≥ 1, so a deadline's remaining time is
 * workingDaysBetween(cal, today, due). Negative when `to` is before `from` (days overdue), 0 when equal.
 */
export function workingDaysBetween(cal: Calendar, from: IsoDate, to: IsoDate): number {
  const a = toDay(from)
  const b = toDay(to)
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1]
  let count = 0
  for (let d = lo + 1; d <= hi; d++) if (isWorkdayN(cal, d)) count += 1
  return sign * count
}

/**
 * The years, ascending, whose schedule is not confirmed yet could change the days from `from` to `due`
 * (either order): every year in the range, and the next one when the range reaches the last week of December.
 */
export function unconfirmedYears(cal: Calendar, from: IsoDate, due: IsoDate): number[] {
  const [lo, hi] = toDay(from) <= toDay(due) ? [from, due] : [due, from]
  const last = yearOf(hi) + (hi.slice(5) >= NEXT_YEAR_REACHES_BACK_TO ? 1 : 0)
  const out: number[] = []
  for (let y = yearOf(lo); y <= last; y++) if (!cal.confirmedYears.has(y)) out.push(y)
  return out
}

/** Whether a range's days rest on a provisional schedule: an unconfirmed year inside the provisional span. */
export function isProvisional(cal: Calendar, years: readonly number[]): boolean {
  const span = cal.provisionalYears
  return cal.provisional !== undefined && span !== undefined && years.some((y) => y >= span[0] && y <= span[1])
}

export function makeCalendar(
  days: Iterable<{ date: IsoDate; workday: boolean; name: string }>,
  confirmedYears: Iterable<number>,
  provisional?: { rule: (year: number) => readonly { date: IsoDate; name: string }[]; years: readonly [number, number] },
): Calendar {
  const overrides = new Map<IsoDate, CalendarDay>()
  for (const d of days) overrides.set(d.date, { workday: d.workday, name: d.name })
  return { overrides, confirmedYears: new Set(confirmedYears), provisional: provisional?.rule, provisionalYears: provisional?.years }
}
