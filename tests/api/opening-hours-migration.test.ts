// Migration 0161 on a district with data: the free-text hours of each center become its hall's hours (a manager's
// own times kept), down restores the text, and up again gives the same hours.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateDown, migrateToLatest } from '../../src/db/migrate.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp
beforeAll(async () => { t = await createTestApp({ demo: true }) })
afterAll(() => t.close())

const hoursOf = async (code: string) => (await sql<{ opens: string; lunch_starts: string | null; lunch_ends: string | null; closes: string }>`
  select h.opens, h.lunch_starts, h.lunch_ends, h.closes from hall_settings h join centers c on c.id = h.center_id where c.code = ${code}`.execute(t.db)).rows[0]

describe('migration 0161', () => {
  it('reads each center\'s text into its hall\'s hours, down and up again', { timeout: 120_000 }, async () => {
    const down = async () => {
      for (;;) {
        const names = (await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(t.db)).rows
        if (names[0].name < '0161') return
        await migrateDown(t.db)
      }
    }
    await down()
    // before 0161: the text as the old centers page wrote it; the hall as its default or a manager's own times
    expect((await sql<{ hours: string }>`select hours from centers where code = 'D01'`.execute(t.db)).rows[0].hours).toBe('周一至周五 08:30-12:00 14:00-17:30')
    await sql`update centers set hours = '周一至周五 9:00-11:30 13:30-17:00' where code = 'T01'`.execute(t.db)
    await sql`update centers set hours = '' where code = 'T02'`.execute(t.db)
    await sql`update hall_settings set opens = '07:30', closes = '18:00' where center_id = (select id from centers where code = 'T02')`.execute(t.db)
    await migrateToLatest(t.db)
    expect(await hoursOf('D01')).toEqual({ opens: '08:30', lunch_starts: '12:00', lunch_ends: '14:00', closes: '17:30' })
    expect(await hoursOf('T01')).toEqual({ opens: '09:00', lunch_starts: '11:30', lunch_ends: '13:30', closes: '17:00' })
    expect(await hoursOf('T02')).toEqual({ opens: '07:30', lunch_starts: null, lunch_ends: null, closes: '18:00' }) // the manager's own
    const cols = (await sql<{ n: number }>`select count(*)::int as n from information_schema.columns where table_name = 'centers' and column_name = 'hours'`.execute(t.db)).rows[0].n
    expect(cols).toBe(0)
  })
})
