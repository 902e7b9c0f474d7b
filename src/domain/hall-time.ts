// Hall time rules, pure: China wall-clock time (UTC+8, no daylight saving), opening hours and appointment slots.
// Times of day are 'HH:MM' strings; minutes are counted from midnight.

export interface ChinaTime { day: string; minutes: number }

/** The China date (YYYY-MM-DD) and minute of the day of an instant. */
export function chinaTime(at: Date): ChinaTime {
  const local = new Date(at.getTime() + 8 * 3600_000)
  return { day: local.toISOString().slice(0, 10), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() }
}

/** The instant of `hm` on China day `day`. */
export function chinaInstant(day: string, hm: string): Date {
  return new Date(`${day}T${hm}:00+08:00`)
}

export function toMinutes(hm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hm)
  if (!m) throw new Error(`not a time of day: ${hm}`)
  return Number(m[1]) * 60 + Number(m[2])
}

export function toHm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** A center's opening hours on a working day: one source for the hall, booking and the public pages (hall_settings). */
export interface OpeningHours { opens: string; lunchStarts: string | null; lunchEnds: string | null; closes: string }

export interface HallHours extends OpeningHours { closed: boolean }

/** The open periods of a day, [from, to) in minutes: one, or two around the lunch break. */
export function openPeriods(h: OpeningHours): [number, number][] {
  return h.lunchStarts && h.lunchEnds
    ? [[toMinutes(h.opens), toMinutes(h.lunchStarts)], [toMinutes(h.lunchEnds), toMinutes(h.closes)]]
    : [[toMinutes(h.opens), toMinutes(h.closes)]]
}

/** What is wrong with hours (field names as in the hall settings' body), none when they are in order. */
export function hoursProblems(h: OpeningHours): { field: string; message: string }[] {
  if ((h.lunchStarts === null) !== (h.lunchEnds === null)) return [{ field: h.lunchStarts === null ? 'body.lunchStarts' : 'body.lunchEnds', message: '午休开始和结束时间须同时填写或同时留空' }]
  if (toMinutes(h.opens) >= toMinutes(h.closes)) return [{ field: 'body.closes', message: '下班时间须晚于上班时间' }]
  if (h.lunchStarts && h.lunchEnds) {
    if (toMinutes(h.lunchStarts) <= toMinutes(h.opens)) return [{ field: 'body.lunchStarts', message: '午休须在上班之后开始' }]
    if (toMinutes(h.lunchEnds) <= toMinutes(h.lunchStarts)) return [{ field: 'body.lunchEnds', message: '午休结束须晚于午休开始' }]
    if (toMinutes(h.lunchEnds) >= toMinutes(h.closes)) return [{ field: 'body.lunchEnds', message: '午休须在下班之前结束' }]
  }
  return []
}

/** The published line: 工作日 08:30–12:00、14:00–17:30 (or one period when there is no lunch break). */
export function hoursText(h: OpeningHours): string {
  return '工作日 ' + openPeriods(h).map(([a, b]) => `${toHm(a)}–${toHm(b)}`).join('、')
}

/** The minute of the day of the k-th open minute (0: opening), across the lunch break; the last open minute after that. */
export function openMinute(h: OpeningHours, k: number): number {
  let left = Math.max(0, Math.floor(k))
  const periods = openPeriods(h)
  for (const [a, b] of periods) {
    if (left < b - a) return a + left
    left -= b - a
  }
  return periods[periods.length - 1][1] - 1
}

/** How many minutes a day is open. */
export function openLength(h: OpeningHours): number {
  return openPeriods(h).reduce((n, [a, b]) => n + b - a, 0)
}

export type ClosedReason = 'center_retired' | 'hall_closed' | 'not_workday' | 'before_opening' | 'lunch_break' | 'after_closing'

export const CLOSED_MESSAGES: Record<ClosedReason, string> = {
  center_retired: '该中心已停用',
  hall_closed: '大厅暂停取号',
  not_workday: '今天不是工作日，大厅不办公',
  before_opening: '尚未到办公时间',
  lunch_break: '午间休息，暂停取号',
  after_closing: '已过办公时间',
}

/** Why a hall does not issue tickets at `minutes` on a day, or null when it is open. */
export function closedReason(h: HallHours & { centerActive: boolean; workday: boolean; minutes: number }): ClosedReason | null {
  if (!h.centerActive) return 'center_retired'
  if (h.closed) return 'hall_closed'
  if (!h.workday) return 'not_workday'
  if (h.minutes < toMinutes(h.opens)) return 'before_opening'
  if (h.minutes >= toMinutes(h.closes)) return 'after_closing'
  if (h.lunchStarts && h.lunchEnds && h.minutes >= toMinutes(h.lunchStarts) && h.minutes < toMinutes(h.lunchEnds)) return 'lunch_break'
  return null
}

export interface Slot { start: string; end: string }

/** The appointment slots of an open day: back to back from opening and again after lunch, each `slotMinutes` long, none over lunch or past closing. */
export function daySlots(h: OpeningHours, slotMinutes: number): Slot[] {
  const slots: Slot[] = []
  for (const [a, b] of openPeriods(h)) {
    for (let m = a; m + slotMinutes <= b; m += slotMinutes) slots.push({ start: toHm(m), end: toHm(m + slotMinutes) })
  }
  return slots
}

export type BookingRefusal = 'slot_unknown' | 'not_workday' | 'slot_past' | 'too_far_ahead'

/**
 * Whether a slot can be booked now (capacity is checked where it is counted, under a lock).
 * A slot that has started is past; bookings open `maxDaysAhead` days ahead.
 */
export function bookingRefusal(o: { slots: Slot[]; start: string; day: string; workday: boolean; now: ChinaTime; maxDaysAhead: number }): BookingRefusal | null {
  if (!o.slots.some((s) => s.start === o.start)) return 'slot_unknown'
  if (!o.workday) return 'not_workday'
  if (o.day < o.now.day || (o.day === o.now.day && toMinutes(o.start) <= o.now.minutes)) return 'slot_past'
  if (daysBetween(o.now.day, o.day) > o.maxDaysAhead) return 'too_far_ahead'
  return null
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / 86_400_000)
}

/** How an appointment-holder's arrival counts: on time (ahead of walk-ins), late (after the slot ended), or not today. */
export function arrival(o: { day: string; slotEnd: string; now: ChinaTime }): 'on_time' | 'late' | 'wrong_day' {
  if (o.day !== o.now.day) return 'wrong_day'
  return o.now.minutes < toMinutes(o.slotEnd) ? 'on_time' : 'late'
}
