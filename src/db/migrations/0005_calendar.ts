// The working-day calendar: the exceptions to Monday–Friday (holidays, 调休 make-up workdays) and which years'
// schedules are confirmed; seeded from chinese-days 1.5.7 (2004–2026) as frozen in 0005_calendar.data.ts. Plain SQL
// that PostgreSQL 15 runs.
import { sql, type Kysely } from 'kysely'
import { DAYS, YEARS } from './0005_calendar.data.js'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table calendar_days (
      day date primary key,
      workday boolean not null,
      name text not null default '',
      source text not null check (source in ('chinese-days','admin')),
      updated_by integer references users(id),
      updated_at timestamptz not null default now()
    );

    create table calendar_years (
      year integer primary key check (year between 1900 and 2999),
      confirmed boolean not null,
      source text not null check (source in ('chinese-days','admin')),
      updated_by integer references users(id),
      updated_at timestamptz not null default now()
    );
  `.execute(db)
  await db.insertInto('calendar_years').values(YEARS.map((year) => ({ year, confirmed: true, source: 'chinese-days' }))).execute()
  for (let i = 0; i < DAYS.length; i += 1000) {
    await db.insertInto('calendar_days')
      .values(DAYS.slice(i, i + 1000).map(([day, workday, name]) => ({ day, workday, name, source: 'chinese-days' })))
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table calendar_years, calendar_days`.execute(db)
}
