// The same type parsers on every path, and the CLI's `admin create` for a fresh, non-demo install.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdmin } from '../../src/cli/admin.js'
import { AppError } from '../../src/domain/errors.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp
beforeAll(async () => { t = await createTestApp() })
afterAll(() => t.close())

describe('values from PostgreSQL', () => {
  it('dates are YYYY-MM-DD strings, counts and int8 numbers, numeric numbers', async () => {
    const { rows } = await sql<{ d: unknown; n: unknown; big: unknown; num: unknown; ds: unknown }>`
      select '2026-01-01'::date as d, count(*) as n, 9007199254740993::int8 as big, 1.5::numeric as num,
             array['2026-10-01'::date, '2026-10-08'::date] as ds
      from generate_series(1, 3)`.execute(t.db)
    expect(rows[0]).toEqual({ d: '2026-01-01', n: 3, big: '9007199254740993', num: 1.5, ds: ['2026-10-01', '2026-10-08'] })
  })
  it('sessions run in China time', async () => {
    const { rows } = await sql<{ tz: string }>`select current_setting('TimeZone') as tz`.execute(t.db)
    expect(rows[0].tz).toBe('Asia/Shanghai')
  })
})

describe('yizhan admin create', () => {
  it('creates the district center and an administrator who can log in', async () => {
    const made = await createAdmin(t.db, { username: 'chief', password: 'Head-Admin-1', centerName: '新区行政服务中心' })
    expect(made).toEqual({ username: 'chief', centerName: '新区行政服务中心' })
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'chief', password: 'Head-Admin-1' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ roles: ['admin'], centerLevel: 'district' })
    const audit = await t.db.selectFrom('audit_events').select(['action', 'data']).where('action', '=', 'user.create').execute()
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0].data)).not.toContain('Head-Admin-1')
  })
  it('refuses a weak password and a taken username, writing nothing', async () => {
    const before = await t.db.selectFrom('users').select('id').execute()
    await expect(createAdmin(t.db, { username: 'second', password: 'short' })).rejects.toThrow(AppError)
    await expect(createAdmin(t.db, { username: 'CHIEF', password: 'Another-Pass-2' })).rejects.toMatchObject({ code: 'duplicate_username' })
    expect(await t.db.selectFrom('users').select('id').execute()).toHaveLength(before.length)
  })
})
