// Case deadlines on the working-day calendar: due dates with paused time left out, extensions capped at the
// legal limit plus the lawful extension, the 5-working-day rule of intake, and the light of a step. Pure.
import { addWorkingDays, dayNumber, fromDayNumber, isWorkdayN, workingDaysBetween, type Calendar, type IsoDate } from './calendar.js'
import type { HandlingKind } from './vocabulary.js'

/**
 * A pause of the clock: working days d with from < d ≤ to are not counted (the day it starts was worked, the
 * clock restarts the day after it ends, as the day of acceptance is not counted). An open pause (to = null)
 * is taken as ending `today`, so the due date shown moves on each day the case stays paused.
 */
export interface Pause { from: IsoDate; to: IsoDate | null }

/** 行政许可法 §42: a decision within the limit, extendable once by 10 working days (15 for joint handling, 联合办理). */
export function lawfulExtensionDays(kind: HandlingKind): number {
  return kind === 'joint' ? 15 : 10
}

/** Local practice (and 行政许可法 §32): a correction notice not given within 5 working days counts as acceptance. */
export const CORRECTION_NOTICE_DAYS = 5

function pausedOn(day: number, pauses: readonly Pause[], today: number): boolean {
  return pauses.some((p) => {
    const from = dayNumber(p.from)!
    const to = p.to === null ? today : dayNumber(p.to)!
    return day > from && day <= to
  })
}

/** The Nth counted working day after `from`: working days inside a pause do not count. */
export function addCountedDays(cal: Calendar, from: IsoDate, n: number, pauses: readonly Pause[], today: IsoDate): IsoDate {
  if (pauses.length === 0) return addWorkingDays(cal, from, n)
  const t = dayNumber(today)!
  let day = dayNumber(from)!
  for (let left = n; left > 0;) {
    day += 1
    if (isWorkdayN(cal, day) && !pausedOn(day, pauses, t)) left -= 1
  }
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

export interface CaseClock {
  handlingKind: HandlingKind
  acceptedOn: IsoDate
  promisedDays: number
  legalDays: number
  extendedDays: number
  pauses: readonly Pause[]
}

/** The case's due date: the promised limit plus approved extensions, counted from acceptance. */
export function caseDueDate(cal: Calendar, c: CaseClock, today: IsoDate): IsoDate {
  return addCountedDays(cal, c.acceptedOn, c.promisedDays + c.extendedDays, c.pauses, today)
}

/** The latest a case may ever be due: the legal limit plus the lawful extension. */
export function legalDueDate(cal: Calendar, c: CaseClock, today: IsoDate): IsoDate {
  return addCountedDays(cal, c.acceptedOn, c.legalDays + lawfulExtensionDays(c.handlingKind), c.pauses, today)
}

/** How many more days may still be granted (0 when none). */
export function extensionRoom(c: Pick<CaseClock, 'handlingKind' | 'promisedDays' | 'legalDays' | 'extendedDays'>): number {
  return Math.max(0, c.legalDays + lawfulExtensionDays(c.handlingKind) - c.promisedDays - c.extendedDays)
}

/** A step's due date: its own limit from its start when the item sets one, never later than the case's. */
export function stepDueDate(cal: Calendar, start: IsoDate, limitDays: number | null, caseDue: IsoDate | null,
  pauses: readonly Pause[], today: IsoDate): IsoDate | null {
  if (limitDays === null) return caseDue
  const own = addCountedDays(cal, start, limitDays, pauses, today)
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
