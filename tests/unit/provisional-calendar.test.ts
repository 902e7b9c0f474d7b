// The provisional calendar for years without the State Council notice: the 2024 statutory rules with lunar dates
// and 清明 from chinese-days, 补休 for weekend and doubled statutory days; and deadlines that count on it.
import { describe, expect, it } from 'vitest'
import { addWorkingDays, isProvisional, isWorkday, makeCalendar, unconfirmedYears } from '../../src/domain/calendar.js'
import { provisionalYear, statutoryDays } from '../../src/domain/provisional-calendar.js'

const off = (year: number) => Object.fromEntries(provisionalYear(year).map((d) => [d.date, d.name]))
const withRule = (confirmed: number[]) => makeCalendar([], confirmed, { rule: provisionalYear, years: [2000, 2099] })

describe('2027 by the statutory rules', () => {
  const y = off(2027)
  it('元旦: Friday 01-01 alone', () => {
    expect(y['2027-01-01']).toBe('元旦')
    expect(y['2027-01-02']).toBeUndefined()
  })
  it('春节: 除夕 is the day before lunar 1-1 (腊月 has 29 days in 2026), four days, two weekend days made up', () => {
    expect(statutoryDays(2027).filter((d) => d.name === '春节').map((d) => d.date)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'])
    expect(y['2027-02-09']).toBe('春节补休')
    expect(y['2027-02-10']).toBe('春节补休')
    expect(y['2027-02-11']).toBeUndefined()
  })
  it('清明 on the solar term (04-05, a Monday)', () => {
    expect(y['2027-04-05']).toBe('清明节')
    expect(y['2027-04-04']).toBeUndefined()
  })
  it('劳动节 on Saturday and Sunday: made up on Monday and Tuesday', () => {
    expect([y['2027-05-01'], y['2027-05-02'], y['2027-05-03'], y['2027-05-04']]).toEqual(['劳动节', '劳动节', '劳动节补休', '劳动节补休'])
  })
  it('端午 06-09, 中秋 09-15, 国庆 10-01..03 with its weekend days made up on 10-04 and 10-05', () => {
    expect(y['2027-06-09']).toBe('端午节')
    expect(y['2027-09-15']).toBe('中秋节')
    expect(['2027-10-04', '2027-10-05'].map((d) => y[d])).toEqual(['国庆节补休', '国庆节补休'])
    expect(y['2027-10-06']).toBeUndefined()
  })
})

describe('2028 by the statutory rules', () => {
  const y = off(2028)
  it('元旦 on a Saturday: Monday 01-03 off', () => {
    expect(y['2028-01-01']).toBe('元旦')
    expect(y['2028-01-03']).toBe('元旦补休')
  })
  it('春节 from 除夕 01-25 (lunar 1-1 is 01-26), all on weekdays: nothing to make up', () => {
    expect(['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28'].map((d) => y[d])).toEqual(['春节', '春节', '春节', '春节'])
    expect(y['2028-01-31']).toBeUndefined()
  })
  it('清明 on 04-04 (the solar term), 端午 on Sunday 05-28 made up on Monday', () => {
    expect(y['2028-04-04']).toBe('清明节')
    expect(y['2028-05-29']).toBe('端午节补休')
  })
  it('中秋 falls on 10-03 inside 国庆: one extra day, and Sunday 10-01 made up: 10-04 and 10-05 off', () => {
    expect(y['2028-10-03']).toBe('中秋节、国庆节')
    expect(['2028-10-04', '2028-10-05'].map((d) => y[d])).toEqual(['国庆节补休', '国庆节补休'])
    expect(y['2028-10-06']).toBeUndefined()
  })
})

describe('deadlines on a provisional year', () => {
  it('a 19-day limit from 2026-12-07 does not count 元旦 2027 as a working day', () => {
    const bare = makeCalendar([], [2026])
    const cal = withRule([2026])
    expect(addWorkingDays(bare, '2026-12-07', 19)).toBe('2027-01-01')
    expect(isWorkday(cal, '2027-01-01')).toBe(false)
    expect(addWorkingDays(cal, '2026-12-07', 19)).toBe('2027-01-04')
    expect(isProvisional(cal, unconfirmedYears(cal, '2026-12-07', '2027-01-04'))).toBe(true)
    expect(isProvisional(cal, unconfirmedYears(cal, '2026-03-02', '2026-03-09'))).toBe(false)
  })
  it('a confirmed year is never overlaid; a stored day of an unconfirmed year wins over the rule', () => {
    expect(isWorkday(withRule([2027]), '2027-02-09')).toBe(true)
    const cal = makeCalendar([{ date: '2027-02-09', workday: true, name: '调休上班' }], [], { rule: provisionalYear, years: [2000, 2099] })
    expect(isWorkday(cal, '2027-02-09')).toBe(true)
    expect(isWorkday(cal, '2027-02-10')).toBe(false)
  })
})
