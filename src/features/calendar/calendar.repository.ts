// SQL for the working-day calendar: the stored exceptions (calendar_days) and the years' status (calendar_years).
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { CalendarSource } from '../../domain/calendar.js'

const dayColumns = ['day as date', 'workday', 'name', 'source'] as const

/** Everything the in-process calendar needs: every stored day and the confirmed years. */
export async function loadAll(db: Db) {
  const [days, years] = await Promise.all([
    db.selectFrom('calendar_days').select(['day as date', 'workday', 'name']).execute(),
    db.selectFrom('calendar_years').select('year').where('confirmed', '=', true).execute(),
  ])
  return { days, confirmedYears: years.map((y) => y.year) }
}

export function listDays(db: Db, from: string, to: string) {
  return db.selectFrom('calendar_days').select([...dayColumns])
    .where('day', '>=', from).where('day', '<=', to).orderBy('day').execute()
}

export function countDays(db: Db, from: string, to: string) {
  return db.selectFrom('calendar_days').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('day', '>=', from).where('day', '<=', to).executeTakeFirstOrThrow()
}

export function findYear(db: Db, year: number) {
  return db.selectFrom('calendar_years').select(['year', 'confirmed', 'source']).where('year', '=', year).executeTakeFirst()
}

export function lockDay(trx: Db, date: string) {
  return trx.selectFrom('calendar_days').select([...dayColumns]).where('day', '=', date).forUpdate().executeTakeFirst()
}

export function lockYear(trx: Db, year: number) {
  return trx.selectFrom('calendar_years').select(['year', 'confirmed', 'source']).where('year', '=', year).forUpdate().executeTakeFirst()
}

export function upsertDay(trx: Db, row: { date: string; workday: boolean; name: string; source: CalendarSource; userId: number }) {
  const values = { workday: row.workday, name: row.name, source: row.source, updated_by: row.userId, updated_at: sql<Date>`now()` }
  return trx.insertInto('calendar_days').values({ day: row.date, ...values })
    .onConflict((oc) => oc.column('day').doUpdateSet(values))
    .returning([...dayColumns]).executeTakeFirstOrThrow()
}

export function deleteDay(trx: Db, date: string) {
  return trx.deleteFrom('calendar_days').where('day', '=', date).execute()
}

export function upsertYear(trx: Db, row: { year: number; confirmed: boolean; userId: number }) {
  const values = { confirmed: row.confirmed, source: 'admin' as const, updated_by: row.userId, updated_at: sql<Date>`now()` }
  return trx.insertInto('calendar_years').values({ year: row.year, ...values })
    .onConflict((oc) => oc.column('year').doUpdateSet(values))
    .returning(['year', 'confirmed', 'source']).executeTakeFirstOrThrow()
}

/** A year's stored days, before its official notice replaces them. */
export function deleteYearDays(trx: Db, from: string, to: string) {
  return trx.deleteFrom('calendar_days').where('day', '>=', from).where('day', '<=', to).execute()
}
