// On-screen times (issue 24): China time whatever the browser's zone, the date only when it is not today in China.
import { describe, expect, it } from 'vitest'
import { dateTime, when } from '../../web/src/lib/format.js'

describe('when', () => {
  const now = new Date('2026-03-11T01:00:00Z') // 09:00 on March 11 in China
  it('a time of today in China shows the time alone, in China time (not UTC)', () => {
    expect(when('2026-03-10T21:10:00Z', now)).toBe('05:10') // 05:10 on March 11 in China, still March 10 in UTC
  })
  it('another day shows its date', () => {
    expect(when('2026-03-10T05:10:00Z', now)).toBe(dateTime('2026-03-10T05:10:00Z'))
    expect(when('2026-03-10T05:10:00Z', now)).toMatch(/^2026\/03\/10 13:10$/)
  })
  it('nothing or garbage', () => {
    expect(when(null, now)).toBe('—')
    expect(when('x', now)).toBe('x')
  })
})
