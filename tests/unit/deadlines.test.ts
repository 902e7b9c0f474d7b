// Case deadlines: pauses left out, extensions capped, the 5-working-day rule, lights.
import { describe, expect, it } from 'vitest'
import { makeCalendar } from '../../src/domain/calendar.js'
import { chinaDate, SettableClock } from '../../src/domain/clock.js'
import {
  acceptanceDate, addCountedDays, caseDueDate, countedDaysBetween, extendedLegalDueDate, extendsPastLegal, extensionLimit, extensionRoom,
  legalDueDate, lightOf, stepDueDate,
} from '../../src/domain/deadlines.js'

// 2026: 国庆 10-01..10-07 off, 10-10 (Sat) a make-up workday.
const cal = makeCalendar([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, workday: false, name: '国庆节' })),
  { date: '2026-10-10', workday: true, name: '国庆调休' },
], [2026])

describe('deadlines', () => {
  it('counts like the calendar when nothing is paused: Monday + 3 → Thursday', () => {
    expect(addCountedDays(cal, '2026-03-09', 3, [], '2026-03-09')).toBe('2026-03-12')
    expect(addCountedDays(cal, '2026-09-30', 3, [], '2026-09-30')).toBe('2026-10-10')
  })
  it('leaves paused working days out: (from, to]', () => {
    // Mon 03-09 + 3, paused Tue..Wed (from Mon, resumed Wed): Tue and Wed not counted → Mon 03-16? Thu, Fri, Mon.
    expect(addCountedDays(cal, '2026-03-09', 3, [{ from: '2026-03-09', to: '2026-03-11' }], '2026-03-20')).toBe('2026-03-16')
    expect(countedDaysBetween(cal, '2026-03-09', '2026-03-16', [{ from: '2026-03-09', to: '2026-03-11' }], '2026-03-20')).toBe(3)
  })
  it('an open pause runs until today', () => {
    const p = [{ from: '2026-03-10', to: null }]
    expect(addCountedDays(cal, '2026-03-09', 3, p, '2026-03-10')).toBe('2026-03-12')
    expect(addCountedDays(cal, '2026-03-09', 3, p, '2026-03-12')).toBe('2026-03-16')
  })
  it('due dates move with extensions; never past legal + the item rule\'s extension', () => {
    const c = {
      handlingKind: 'promised' as const, acceptedOn: '2026-03-02', promisedDays: 10, legalDays: 20, extendedDays: 0, pauses: [],
      daysUnit: 'workday' as const, extensionRule: 'art42' as const, extensionDays: 0,
    }
    expect(caseDueDate(cal, c, '2026-03-02')).toBe('2026-03-16')
    expect(caseDueDate(cal, { ...c, extendedDays: 5 }, '2026-03-02')).toBe('2026-03-23')
    expect(extensionRoom(c)).toBe(20)
    expect(extensionRoom({ ...c, extendedDays: 20 })).toBe(0)
    expect(extensionRoom({ ...c, extensionRule: 'joint' })).toBe(25)
    expect(extensionRoom({ ...c, extensionRule: 'none' })).toBe(10)
    expect(extensionRoom({ ...c, extensionRule: 'own', extensionDays: 30 })).toBe(40)
    // 法定办结日期 is the legal limit alone (20 working days), not plus the §42 extension nobody approved.
    expect(legalDueDate(cal, c, '2026-03-02')).toBe('2026-03-30')
    expect(legalDueDate(cal, { ...c, handlingKind: 'immediate', legalDays: 0, promisedDays: 0 }, '2026-03-02')).toBeNull()
    expect(extendedLegalDueDate(cal, { ...c, extendedDays: 10 }, '2026-03-02')).toBeNull() // within the legal limit
    expect(extendedLegalDueDate(cal, { ...c, extendedDays: 15 }, '2026-03-02')).toBe('2026-04-06') // 25 working days
    expect(extendsPastLegal(c, 10)).toBe(false)
    expect(extendsPastLegal(c, 11)).toBe(true)
  })
  it('calendar-day limits count every day, skip paused days, and end on a working day (民法典 §203)', () => {
    // 工伤认定: 60 calendar days from 2025-04-18 is 2025-06-17 (a Tuesday).
    expect(addCountedDays(cal, '2025-04-18', 60, [], '2025-04-18', 'calendar')).toBe('2025-06-17')
    // 2026-03-02 + 5 calendar days is Saturday 03-07: the limit moves to Monday 03-09.
    expect(addCountedDays(cal, '2026-03-02', 5, [], '2026-03-02', 'calendar')).toBe('2026-03-09')
    // Ending inside 国庆 (2026-10-01..07 off): on to Thursday 10-08.
    expect(addCountedDays(cal, '2026-09-28', 5, [], '2026-09-28', 'calendar')).toBe('2026-10-08')
    // Paused calendar days (03-03..03-04, a Monday-to-Wednesday pause) are not counted: +2 days.
    expect(addCountedDays(cal, '2026-03-02', 3, [{ from: '2026-03-02', to: '2026-03-04' }], '2026-03-10', 'calendar')).toBe('2026-03-09')
    expect(addCountedDays(cal, '2026-03-03', 3, [{ from: '2026-03-03', to: '2026-03-04' }], '2026-03-10', 'calendar')).toBe('2026-03-09')
    // A working-day limit: same as before.
    expect(addCountedDays(cal, '2026-03-02', 5, [], '2026-03-02', 'workday')).toBe('2026-03-09')
    expect(extensionLimit('art42')).toBe(10)
    expect(extensionLimit('none')).toBe(0)
  })
  it('a step due date is its own limit, capped at the case due date; no limit → the case due date', () => {
    expect(stepDueDate(cal, '2026-03-09', 2, '2026-03-20', [], '2026-03-09')).toBe('2026-03-11')
    expect(stepDueDate(cal, '2026-03-09', 10, '2026-03-13', [], '2026-03-09')).toBe('2026-03-13')
    expect(stepDueDate(cal, '2026-03-09', null, '2026-03-13', [], '2026-03-09')).toBe('2026-03-13')
  })
  it('the 5-working-day rule: past it, the case counts as accepted on the day the materials came', () => {
    expect(acceptanceDate(cal, '2026-03-02', '2026-03-09')).toEqual({ acceptedOn: '2026-03-09', late: false })
    expect(acceptanceDate(cal, '2026-03-02', '2026-03-10')).toEqual({ acceptedOn: '2026-03-02', late: true })
    expect(acceptanceDate(cal, '2026-09-30', '2026-10-12')).toEqual({ acceptedOn: '2026-10-12', late: false })
  })
  it('lights: green, yellow at 1 day left or 80% used, red when overdue', () => {
    const x = { start: '2026-03-02', due: '2026-03-16' }
    expect(lightOf(cal, x, '2026-03-05')).toBe('green')
    expect(lightOf(cal, x, '2026-03-12')).toBe('yellow') // 8 of 10 used
    expect(lightOf(cal, x, '2026-03-13')).toBe('yellow')
    expect(lightOf(cal, x, '2026-03-16')).toBe('yellow')
    expect(lightOf(cal, x, '2026-03-17')).toBe('red')
    expect(lightOf(cal, { start: '2026-03-02', due: null }, '2026-09-01')).toBe('green')
  })
  it('China dates and the settable clock', () => {
    expect(chinaDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02')
    const c = new SettableClock('2026-03-02T01:00:00Z')
    c.advance(86_400_000)
    expect(chinaDate(c.now())).toBe('2026-03-03')
  })
})

describe('calendar warnings', () => {
  it('warns of an unconfirmed year within 60 days, and of the current year when it is unconfirmed', async () => {
    const { calendarWarnings } = await import('../../src/domain/deadlines.js')
    expect(calendarWarnings(cal, '2026-10-01')).toEqual([])
    expect(calendarWarnings(cal, '2026-11-01')).toEqual([])
    expect(calendarWarnings(cal, '2026-11-02')).toEqual([{ year: 2027, startsOn: '2027-01-01', daysUntil: 60 }])
    expect(calendarWarnings(cal, '2027-03-01')).toEqual([{ year: 2027, startsOn: '2027-01-01', daysUntil: 0 }])
  })
})
