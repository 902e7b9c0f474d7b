// The demo history's plan reproduces the district report's facts on the seed's date (the last May 31): 梁子镇 3000+
// cases since January 1 of the year before, 涂家垴镇 1100+ visits January–May, 长岭镇 the least used town, the district
// center opened in May. The generator spreads each month exactly so (casesOnDay), refusals after a correction aside.
import { describe, expect, it } from 'vitest'
import { isWorkday, makeCalendar } from '../../src/domain/calendar.js'
import { centers } from '../../src/demo/data/centers.js'
import { CORRECTION_SHARE, daysBetween, ENQUIRIES, MONTHLY, plannedCases, REFUSE_SHARE, seedDate } from '../../src/demo/history/plan.js'
import { chineseDaysRows, chineseDaysYears } from '../../src/features/calendar/calendar.seed.js'

const cal = makeCalendar(chineseDaysRows().map((r) => ({ date: r.day, workday: r.workday, name: r.name })), chineseDaysYears())
const workdays = daysBetween('2025-01-01', '2026-12-31').filter((d) => isWorkday(cal, d))
const SEED = seedDate('2026-12-07')

describe('the seed date', () => {
  it('is the last May 31 on or before today', () => {
    expect(SEED).toBe('2026-05-31')
    expect(seedDate('2026-05-31')).toBe('2026-05-31')
    expect(seedDate('2026-05-30')).toBe('2025-05-31')
    expect(seedDate('2027-01-02')).toBe('2026-05-31')
  })
})

describe('the plan on the seed date', () => {
  const since = (code: string) => plannedCases(code, workdays, '2025-01-01', SEED, 2026)
  it('梁子镇 (T02) accepts a little over 3000 cases since January 1 of last year, even after the expected refusals', () => {
    const n = since('T02')
    const refusedAtMost = Math.ceil(n * CORRECTION_SHARE * REFUSE_SHARE * 2) // twice the expected share
    expect(n - refusedAtMost).toBeGreaterThan(3000)
    expect(n).toBeLessThan(3300)
  })
  it('涂家垴镇 (T04) receives a little over 1100 visits (tickets: cases and enquiries) from January to May', () => {
    const windowCases = plannedCases('T04', workdays, '2026-01-01', SEED, 2026) - 5 * 2 // the village agency cases take no ticket
    expect(windowCases + 5 * ENQUIRIES.T04[1]).toBeGreaterThan(1100)
    expect(windowCases + 5 * ENQUIRIES.T04[1]).toBeLessThan(1250)
  })
  it('长岭镇 (T05), the fifth town, is the least used', () => {
    const towns = ['T01', 'T02', 'T03', 'T04', 'T05'].map((c) => [c, since(c)] as const).sort((a, b) => a[1] - b[1])
    expect(towns[0][0]).toBe('T05')
    expect(towns[0][1] * 3).toBeLessThan(towns[1][1])
    expect(Object.keys(MONTHLY)).toContain('T05')
  })
  it('the district center was founded in May of last year', () => {
    expect(centers.find((c) => c.code === 'D01')!.foundedOn).toMatch(/^2025-05-\d\d$/)
  })
})
