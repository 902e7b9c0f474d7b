// The working-day calendar: every edge of counting, on the real 2025–2026 schedules shipped by chinese-days.
import chineseDaysLib from 'chinese-days'
import { describe, expect, it } from 'vitest'
import {
  addDays, addWorkingDays, dayNumber, isIsoDate, isWorkday, makeCalendar, unconfirmedYears, workingDaysBetween,
} from '../../src/domain/calendar.js'
import { AppError } from '../../src/domain/errors.js'
import { chineseDaysRows, chineseDaysYears, scheduleYear } from '../../src/features/calendar/calendar.seed.js'

const rows = chineseDaysRows()
const years = chineseDaysYears(rows)
const cal = makeCalendar(rows.map((r) => ({ date: r.day, workday: r.workday, name: r.name })), years)
const bare = makeCalendar([], [])

const code = (f: () => unknown) => {
  try { f() } catch (e) { return (e as AppError).code }
  return undefined
}

describe('the weekday rule', () => {
  it('a Monday + 3 → Thursday; Friday + 1 → Monday; Saturday + 1 → Monday', () => {
    expect(addWorkingDays(cal, '2026-03-09', 3)).toBe('2026-03-12')
    expect(addWorkingDays(cal, '2026-03-13', 1)).toBe('2026-03-16')
    expect(addWorkingDays(cal, '2026-03-14', 1)).toBe('2026-03-16')
    expect(addWorkingDays(cal, '2026-03-15', 5)).toBe('2026-03-20')
  })
  it('knows weekdays on both sides of 1970-01-01 and in years below 100', () => {
    expect(isWorkday(bare, '1970-01-01')).toBe(true) // Thursday
    expect(isWorkday(bare, '1969-12-28')).toBe(false) // Sunday
    expect(isWorkday(bare, '1969-12-31')).toBe(true) // Wednesday
    expect(addDays('0050-03-01', -1)).toBe('0050-02-28')
  })
  it('n = 0 is `from` itself (即办, done the same day), even on a holiday or a Sunday', () => {
    expect(addWorkingDays(cal, '2026-03-10', 0)).toBe('2026-03-10')
    expect(addWorkingDays(cal, '2026-10-01', 0)).toBe('2026-10-01')
    expect(addWorkingDays(cal, '2026-03-15', 0)).toBe('2026-03-15')
  })
})

describe('国庆 and 中秋 2026 (Sep 25–27, Oct 1–7 off; Sun Sep 20 and Sat Oct 10 worked)', () => {
  it('reads the schedule', () => {
    for (const d of ['2026-09-25', '2026-10-01', '2026-10-05', '2026-10-07']) expect(isWorkday(cal, d)).toBe(false)
    for (const d of ['2026-09-20', '2026-10-10', '2026-10-08']) expect(isWorkday(cal, d)).toBe(true)
    expect(cal.overrides.get('2026-10-01')?.name).toBe('国庆节')
    expect(cal.overrides.get('2026-10-10')).toEqual({ workday: true, name: '国庆节调休上班' })
  })
  it('2026-09-30 + 1 → 2026-10-08; the make-up Saturday counts: + 3 → 2026-10-10, + 4 → 2026-10-12', () => {
    expect(addWorkingDays(cal, '2026-09-30', 1)).toBe('2026-10-08')
    expect(addWorkingDays(cal, '2026-09-30', 2)).toBe('2026-10-09')
    expect(addWorkingDays(cal, '2026-09-30', 3)).toBe('2026-10-10')
    expect(addWorkingDays(cal, '2026-09-30', 4)).toBe('2026-10-12')
  })
  it('the make-up Sunday counts; 中秋 is skipped', () => {
    expect(addWorkingDays(cal, '2026-09-18', 1)).toBe('2026-09-20')
    expect(addWorkingDays(cal, '2026-09-24', 1)).toBe('2026-09-28')
  })
  it('accepted on a holiday: counting starts after it', () => {
    expect(addWorkingDays(cal, '2026-10-03', 1)).toBe('2026-10-08')
  })
})

describe('春节 2026 (Feb 15–23 off; Sat Feb 14 and Sat Feb 28 worked)', () => {
  it('matches chinese-days', () => {
    const off = rows.filter((r) => r.day.startsWith('2026-02') && !r.workday).map((r) => r.day)
    expect(off).toEqual(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'])
    expect(rows.filter((r) => r.day.startsWith('2026') && r.workday).map((r) => r.day))
      .toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
  })
  it('Thursday Feb 12 + 3 → Tuesday Feb 24 (Fri 13, make-up Sat 14, then after the nine days)', () => {
    expect(addWorkingDays(cal, '2026-02-12', 1)).toBe('2026-02-13')
    expect(addWorkingDays(cal, '2026-02-12', 2)).toBe('2026-02-14')
    expect(addWorkingDays(cal, '2026-02-12', 3)).toBe('2026-02-24')
    expect(addWorkingDays(cal, '2026-02-27', 1)).toBe('2026-02-28')
    expect(workingDaysBetween(cal, '2026-02-13', '2026-02-24')).toBe(2)
  })
})

describe('year boundary', () => {
  it('2025-12-31 + 1 → Sunday 2026-01-04 (元旦 Jan 1–3 off, Jan 4 worked); + 2 → Jan 5', () => {
    expect(addWorkingDays(cal, '2025-12-31', 1)).toBe('2026-01-04')
    expect(addWorkingDays(cal, '2025-12-31', 2)).toBe('2026-01-05')
    expect(workingDaysBetween(cal, '2025-12-31', '2026-01-05')).toBe(2)
  })
  it('2026-12-31 + 1 → 2027-01-01 by the bare weekday rule, which is unconfirmed', () => {
    expect(addWorkingDays(cal, '2026-12-31', 1)).toBe('2027-01-01')
    expect(unconfirmedYears(cal, '2026-12-31', '2027-01-01')).toEqual([2027])
  })
  it('next year\'s New Year reaches back into December: 2018-12-29 worked, 2018-12-31 (Monday) off', () => {
    expect(isWorkday(cal, '2018-12-29')).toBe(true)
    expect(isWorkday(cal, '2018-12-31')).toBe(false)
    expect(scheduleYear({ day: '2018-12-31', workday: false, name: '元旦' })).toBe(2019)
    expect(addWorkingDays(cal, '2018-12-28', 2)).toBe('2019-01-02')
  })
})

describe('unconfirmed years', () => {
  it('chinese-days covers 2004–2026 without a gap, all confirmed', () => {
    expect(years).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i))
    expect(unconfirmedYears(cal, '2004-01-01', '2026-12-24')).toEqual([])
  })
  it('lists every year of the range not confirmed, in either order', () => {
    expect(unconfirmedYears(cal, '2026-06-01', '2029-03-01')).toEqual([2027, 2028, 2029])
    expect(unconfirmedYears(cal, '2029-03-01', '2026-06-01')).toEqual([2027, 2028, 2029])
    expect(unconfirmedYears(cal, '2003-12-01', '2004-01-10')).toEqual([2003])
  })
  it('a range reaching the last week of December also needs the next year', () => {
    expect(unconfirmedYears(cal, '2026-12-18', '2026-12-24')).toEqual([])
    expect(unconfirmedYears(cal, '2026-12-18', '2026-12-28')).toEqual([2027])
    expect(unconfirmedYears(cal, '2025-12-18', '2025-12-29')).toEqual([])
  })
  it('a year not confirmed still counts by the weekday rule until someone enters it', () => {
    expect(isWorkday(cal, '2027-01-01')).toBe(true)
    const entered = makeCalendar([...cal.overrides].map(([date, d]) => ({ date, ...d })).concat({ date: '2027-01-01', workday: false, name: '元旦' }), [...years, 2027])
    expect(addWorkingDays(entered, '2026-12-31', 1)).toBe('2027-01-04')
    expect(unconfirmedYears(entered, '2026-12-31', '2027-01-04')).toEqual([])
  })
})

describe('workingDaysBetween is the inverse of addWorkingDays', () => {
  it('for every start in Sep–Oct 2026 and n up to 15; negative backwards, 0 on the same day', () => {
    const wrong: string[] = []
    for (let d = '2026-09-01'; d <= '2026-10-31'; d = addDays(d, 1)) {
      for (let n = 1; n <= 15; n++) {
        const due = addWorkingDays(cal, d, n)
        if (workingDaysBetween(cal, d, due) !== n || workingDaysBetween(cal, due, d) !== -n || !isWorkday(cal, due)) wrong.push(`${d}+${n}`)
      }
      if (workingDaysBetween(cal, d, d) !== 0) wrong.push(d)
    }
    expect(wrong).toEqual([])
  })
})

describe('agrees with chinese-days', () => {
  it('on every day from 2004 to 2026', () => {
    const wrong: string[] = []
    for (let d = '2004-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      const [y, m, day] = d.split('-').map(Number)
      // A local-midnight Date: the library formats in local time and misreads 'YYYY-MM-DD' west of UTC.
      if (chineseDaysLib.isWorkday(new Date(y, m - 1, day)) !== isWorkday(cal, d)) wrong.push(d)
    }
    expect(wrong).toEqual([])
  })
})

describe('bad input', () => {
  it('accepts only real dates in 1900–2999', () => {
    for (const d of ['2024-02-29', '2026-12-31', '1900-01-01']) expect(isIsoDate(d)).toBe(true)
    for (const d of ['2025-02-29', '2026-02-30', '2026-13-01', '2026-2-3', '20260203', '', '1899-12-31', '3000-01-01']) expect(isIsoDate(d)).toBe(false)
    expect(dayNumber('2026-04-31')).toBeUndefined()
  })
  it('throws invalid_date and invalid_days', () => {
    expect(code(() => addWorkingDays(cal, '2026-02-30', 1))).toBe('invalid_date')
    expect(code(() => isWorkday(cal, 'tomorrow'))).toBe('invalid_date')
    expect(code(() => addWorkingDays(cal, '2026-03-10', -1))).toBe('invalid_days')
    expect(code(() => addWorkingDays(cal, '2026-03-10', 1.5))).toBe('invalid_days')
  })
})
