// Case deadlines on the working-day calendar: due dates in the item's unit (working or calendar days) with paused
// time left out, extensions capped by the item's extension rule, the 5-working-day rule of intake, the light of a step. Pure.
import { addWorkingDays, dayNumber, fromDayNumber, isWorkdayN, workingDaysBetween, type Calendar, type IsoDate } from './calendar.js'
import type { HandlingKind } from './vocabulary.js'

/** The unit of an item's limits, as its legal basis states it: 工作日 (行政许可法 §82) or 日 (calendar days). */
export const DAYS_UNITS = ['workday', 'calendar'] as const
export type DaysUnit = (typeof DAYS_UNITS)[number]

/**
 * How far past the legal limit a case may be extended, and on whose approval:
 * none; art42: 行政许可法 §42, +10 working days, the deciding agency's head; joint: §42 joint handling, +15, the
 * government's head (recorded by the lead department's head); own: `extensionDays` from the item's own legal basis.
 */
export const EXTENSION_RULES = ['none', 'art42', 'joint', 'own'] as const
export type ExtensionRule = (typeof EXTENSION_RULES)[number]

/** The days an extension rule allows past the legal limit. */
export function extensionLimit(rule: ExtensionRule, ownDays = 0): number {
  return rule === 'art42' ? 10 : rule === 'joint' ? 15 : rule === 'own' ? ownDays : 0
}

/**
 * A pause of the clock: working days d with from < d ≤ to are not counted (the day it starts was worked, the
 * clock restarts the day after it ends, as the day of acceptance is not counted). An open pause (to = null)
 * is taken as ending `today`, so the due date shown moves on each day the case stays paused.
 */
export interface Pause { from: IsoDate; to: IsoDate | null }


/** Local practice (and 行政许可法 §32): a correction notice not given within 5 working days counts as acceptance. */
export const CORRECTION_NOTICE_DAYS = 5

function pausedOn(day: number, pauses: readonly Pause[], today: number): boolean {
  return pauses.some((p) => {
    const from = dayNumber(p.from)!
    const to = p.to === null ? today : dayNumber(p.to)!
    return day > from && day <= to
  })
}

/**
 * The Nth counted day after `from`: working days, or calendar days for a `calendar` limit; days inside a pause do
 * not count. A calendar-day limit that ends on a non-working day ends on the next working day (民法典 §203).
 */
export function addCountedDays(cal: Calendar, from: IsoDate, n: number, pauses: readonly Pause[], today: IsoDate, unit: DaysUnit = 'workday'): IsoDate {
  if (pauses.length === 0 && unit === 'workday') return addWorkingDays(cal, from, n)
  const t = dayNumber(today)!
  let day = dayNumber(from)!
  for (let left = n; left > 0;) {
    day += 1
    if ((unit === 'calendar' || isWorkdayN(cal, day)) && !pausedOn(day, pauses, t)) left -= 1
  }
  if (unit === 'calendar' && n > 0) while (!isWorkdayN(cal, day)) day += 1
  return fromDayNumber(day)
}

/** Counted working days in (from, to]: the days of the limit used so far. */
export function countedDaysBetween(cal: Calendar, from: IsoDate, to: IsoDate, pauses: readonly Pause[], today: IsoDate): number {
  if (pauses.length === 0) return Math.max(0, workingDaysBetween(cal, from, to))
  const t = dayNumber(today)!
  let n = 0
  const last = dayNumber(to)!
  for (let d = dayNumber(from)! + 1; d <= last; d++) {
    if (isWorkdayN(cal, d) && !pausedOn(d, pauses, t)) n += 1
  }
  return n
}

/** The limits of a case as its item version stated them when it was accepted. */
export interface Limits {
  handlingKind: HandlingKind
  promisedDays: number
  legalDays: number
  daysUnit: DaysUnit
  extensionRule: ExtensionRule
  extensionDays: number
  /** Days granted so far by approved extensions (in `daysUnit`). */
  extendedDays: number
}

export interface CaseClock extends Limits {
  acceptedOn: IsoDate
  pauses: readonly Pause[]
}

/** The case's due date: the promised limit plus approved extensions, counted from acceptance. */
export function caseDueDate(cal: Calendar, c: CaseClock, today: IsoDate): IsoDate {
  return addCountedDays(cal, c.acceptedOn, c.promisedDays + c.extendedDays, c.pauses, today, c.daysUnit)
}

/** 法定办结日期: the legal limit alone, never an extension; null for 即办 (当场办结). */
export function legalDueDate(cal: Calendar, c: CaseClock, today: IsoDate): IsoDate | null {
  if (c.handlingKind === 'immediate') return null
  return addCountedDays(cal, c.acceptedOn, c.legalDays, c.pauses, today, c.daysUnit)
}

/** Days granted past the legal limit (the §42 extension actually approved). */
export function daysPastLegal(c: Pick<Limits, 'promisedDays' | 'legalDays' | 'extendedDays'>): number {
  return Math.max(0, c.promisedDays + c.extendedDays - c.legalDays)
}

/** The extended legal date once an extension past the legal limit is approved, else null. */
export function extendedLegalDueDate(cal: Calendar, c: CaseClock, today: IsoDate): IsoDate | null {
  const past = daysPastLegal(c)
  if (past === 0 || c.handlingKind === 'immediate') return null
  return addCountedDays(cal, c.acceptedOn, c.legalDays + past, c.pauses, today, c.daysUnit)
}

/** How many more days may still be granted (0 when none): up to the legal limit plus the rule's extension. */
export function extensionRoom(c: Pick<Limits, 'promisedDays' | 'legalDays' | 'extendedDays' | 'extensionRule' | 'extensionDays'>): number {
  return Math.max(0, c.legalDays + extensionLimit(c.extensionRule, c.extensionDays) - c.promisedDays - c.extendedDays)
}

/** Whether granting `days` more takes the case past its legal limit (then only the rule's head may approve). */
export function extendsPastLegal(c: Pick<Limits, 'promisedDays' | 'legalDays' | 'extendedDays'>, days: number): boolean {
  return c.promisedDays + c.extendedDays + days > c.legalDays
}

/** A step's due date: its own limit from its start when the item sets one, never later than the case's. */
export function stepDueDate(cal: Calendar, start: IsoDate, limitDays: number | null, caseDue: IsoDate | null,
  pauses: readonly Pause[], today: IsoDate, unit: DaysUnit = 'workday'): IsoDate | null {
  if (limitDays === null) return caseDue
  const own = addCountedDays(cal, start, limitDays, pauses, today, unit)
  return caseDue !== null && caseDue < own ? caseDue : own
}

/**
 * The day the clock starts for materials received on `receivedOn` and accepted (or noticed) on `today`:
 * `today`, unless the 5 working days for a correction notice have passed, when it is `receivedOn`.
 */
export function acceptanceDate(cal: Calendar, receivedOn: IsoDate, today: IsoDate): { acceptedOn: IsoDate; late: boolean } {
  const late = today > addWorkingDays(cal, receivedOn, CORRECTION_NOTICE_DAYS)
  return { acceptedOn: late ? receivedOn : today, late }
}

export type Light = 'green' | 'yellow' | 'red'
export interface LightThresholds { daysLeft: number; usedShare: number }
export const DEFAULT_LIGHT_THRESHOLDS: LightThresholds = { daysLeft: 1, usedShare: 0.8 }

/**
 * Red once `today` is past the due date; yellow when `daysLeft` working days or fewer remain, or when
 * `usedShare` of the limit is used; green otherwise (and for anything without a due date).
 */
/** The whole limit (counted days) up to which a step is yellow only on its due day (the domain rule's "1 working day or less"). */
export const SHORT_STEP_DAYS = 1

export function lightOf(cal: Calendar, x: { start: IsoDate; due: IsoDate | null; pauses?: readonly Pause[] }, today: IsoDate,
  th: LightThresholds = DEFAULT_LIGHT_THRESHOLDS): Light {
  if (x.due === null) return 'green'
  if (today > x.due) return 'red'
  const pauses = x.pauses ?? []
  const total = countedDaysBetween(cal, x.start, x.due, pauses, today)
  // A step whose whole limit is 1 working day or less (a next-day forward) turns yellow only on its due day.
  if (total <= SHORT_STEP_DAYS) return today === x.due ? 'yellow' : 'green'
  const left = countedDaysBetween(cal, today, x.due, pauses, today)
  if (left <= th.daysLeft) return 'yellow'
  const used = countedDaysBetween(cal, x.start, today, pauses, today)
  return total > 0 && used / total >= th.usedShare ? 'yellow' : 'green'
}

/** The last date still green or yellow for list filters: due dates before `today` are red. */
export function yellowUntil(cal: Calendar, today: IsoDate, th: LightThresholds = DEFAULT_LIGHT_THRESHOLDS): IsoDate {
  return addWorkingDays(cal, today, th.daysLeft)
}

/** Calendar days ahead within which an unconfirmed year is announced on the manager's and administrator's workbench. */
export const CALENDAR_WARNING_DAYS = 60

/** The years touched by the next `horizon` calendar days whose official schedule is not confirmed. */
export function calendarWarnings(cal: Calendar, today: IsoDate, horizon = CALENDAR_WARNING_DAYS) {
  const t = dayNumber(today)!
  const last = Number(fromDayNumber(t + horizon).slice(0, 4))
  const out: { year: number; startsOn: IsoDate; daysUntil: number }[] = []
  for (let y = Number(today.slice(0, 4)); y <= last; y++) {
    if (cal.confirmedYears.has(y)) continue
    const startsOn = `${String(y).padStart(4, '0')}-01-01`
    out.push({ year: y, startsOn, daysUntil: Math.max(0, dayNumber(startsOn)! - t) })
  }
  return out
}
