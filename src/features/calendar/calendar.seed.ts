// The published schedules shipped by chinese-days (2004 to its last year), turned into calendar rows and loaded
// year by year. A year already in calendar_years is never touched again, so an administrator's corrections and
// deletions survive a later re-seed (for instance after upgrading chinese-days to a version that knows 2027).
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import type { Kysely } from 'kysely'
import { dayNumber, type IsoDate } from '../../domain/calendar.js'

export interface SeedDay { day: IsoDate; workday: boolean; name: string }

interface ChineseDaysJson { holidays: Record<string, string>; workdays: Record<string, string> }

/** 'National Day,国庆节,3' → '国庆节' (English name, Chinese name, statutory days). */
function chineseName(raw: string): string {
  const parts = raw.split(',')
  return (parts[1] ?? parts[0] ?? '').trim()
}

/** Every holiday (weekday or weekend, with its name) and every 调休 make-up workday, sorted by date. */
export function chineseDaysRows(json: ChineseDaysJson = chineseDays as ChineseDaysJson): SeedDay[] {
  const rows = new Map<IsoDate, SeedDay>()
  for (const [day, raw] of Object.entries(json.holidays)) rows.set(day, { day, workday: false, name: chineseName(raw) })
  // The library lets a make-up workday win over a holiday on the same date; so do we (1.5.7 has no such date).
  for (const [day, raw] of Object.entries(json.workdays)) rows.set(day, { day, workday: true, name: `${chineseName(raw)}调休上班` })
  for (const day of rows.keys()) if (dayNumber(day) === undefined) throw new Error(`chinese-days: invalid date ${day}`)
  return [...rows.values()].sort((a, b) => (a.day < b.day ? -1 : 1))
}

/**
 * The year whose published schedule a day belongs to. Next year's New Year holiday can reach back into December
 * (2018-12-29..31 are in the 2019 notice), so a December 元旦 day belongs to the following year.
 */
export function scheduleYear(r: SeedDay): number {
  const y = Number(r.day.slice(0, 4))
  return r.day.slice(5, 7) === '12' && r.name.startsWith('元旦') ? y + 1 : y
}

/** The years chinese-days has a schedule for (1.5.7: 2004–2026, no gaps). */
export function chineseDaysYears(rows: SeedDay[] = chineseDaysRows()): number[] {
  return [...new Set(rows.map(scheduleYear))].sort((a, b) => a - b)
}

/**
 * Load every chinese-days year not yet in calendar_years, confirmed. Idempotent; returns the years loaded.
 * Runs in the caller's transaction when given one (the migrator's), else in its own.
 */
export async function seedCalendar(db: Kysely<any>): Promise<number[]> {
  const rows = chineseDaysRows()
  const years = chineseDaysYears(rows)
  const run = async (trx: Kysely<any>) => {
    const inserted = await trx.insertInto('calendar_years')
      .values(years.map((year) => ({ year, confirmed: true, source: 'chinese-days' })))
      .onConflict((oc) => oc.column('year').doNothing())
      .returning('year').execute()
    const fresh = new Set(inserted.map((r: { year: number }) => r.year))
    // Only the schedules of years new to the table; a day an administrator already set stays as it is.
    const days = rows.filter((r) => fresh.has(scheduleYear(r)))
    for (let i = 0; i < days.length; i += 1000) {
      await trx.insertInto('calendar_days')
        .values(days.slice(i, i + 1000).map((r) => ({ day: r.day, workday: r.workday, name: r.name, source: 'chinese-days' })))
        .onConflict((oc) => oc.column('day').doNothing())
        .execute()
    }
    return [...fresh].sort((a, b) => a - b)
  }
  return db.isTransaction ? run(db) : db.transaction().execute(run)
}
