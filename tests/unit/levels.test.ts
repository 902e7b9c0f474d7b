// Cases across the levels, pure rules: the chain, the next center toward a destination, forward and hop due dates.
import { describe, expect, it } from 'vitest'
import { makeCalendar } from '../../src/domain/calendar.js'
import { lightOf } from '../../src/domain/deadlines.js'
import { DEFAULT_LEVEL_RULE, forwardDue, hopDue, isLate, nextCenterToward, onChain, pathIds } from '../../src/domain/levels.js'

const cal = makeCalendar([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, workday: false, name: '国庆节' })),
  { date: '2026-10-10', workday: true, name: '国庆调休' },
], [2026])

describe('levels', () => {
  it('a chain is the origin and every center above it; a sibling town or another town\'s village is off it', () => {
    expect(pathIds('/1/3/17/')).toEqual([1, 3, 17])
    expect(onChain('/1/3/17/', 3)).toBe(true)
    expect(onChain('/1/3/17/', 1)).toBe(true)
    expect(onChain('/1/3/17/', 4)).toBe(false)
    expect(onChain('/1/3/17/', 18)).toBe(false)
  })
  it('the next center toward a destination goes one level at a time, up or down', () => {
    expect(nextCenterToward('/1/', '/1/3/17/')).toBe(3)
    expect(nextCenterToward('/1/3/', '/1/3/17/')).toBe(17)
    expect(nextCenterToward('/1/3/17/', '/1/')).toBe(3)
    expect(nextCenterToward('/1/3/', '/1/3/')).toBeUndefined()
  })
  it('a forward is due the next working day by default, across a holiday; 0 days means the same day', () => {
    expect(forwardDue(cal, '2026-03-06', DEFAULT_LEVEL_RULE)).toBe('2026-03-09')
    expect(forwardDue(cal, '2026-09-30', DEFAULT_LEVEL_RULE)).toBe('2026-10-08')
    expect(forwardDue(cal, '2026-03-06', { forwardDays: 0, handoverDays: 3 })).toBe('2026-03-06')
  })
  it('a village hop is due within 3 working days, configurable; an urgent one the same day', () => {
    expect(hopDue(cal, '2026-03-05', DEFAULT_LEVEL_RULE, false)).toBe('2026-03-10')
    expect(hopDue(cal, '2026-03-05', { forwardDays: 1, handoverDays: 1 }, false)).toBe('2026-03-06')
    expect(hopDue(cal, '2026-03-05', DEFAULT_LEVEL_RULE, true)).toBe('2026-03-05')
  })
  it('late is done after the due date', () => {
    expect(isLate('2026-03-10', '2026-03-09')).toBe(true)
    expect(isLate('2026-03-09', '2026-03-09')).toBe(false)
    expect(isLate('2026-03-09', null)).toBe(false)
  })

  it('a next-day forward is green when sent and yellow only on its due day (a limit of 1 working day or less)', () => {
    const due = forwardDue(cal, '2026-03-06', DEFAULT_LEVEL_RULE) // Friday → Monday
    expect(due).toBe('2026-03-09')
    expect(lightOf(cal, { start: '2026-03-06', due }, '2026-03-06')).toBe('green')
    expect(lightOf(cal, { start: '2026-03-06', due }, '2026-03-07')).toBe('green')
    expect(lightOf(cal, { start: '2026-03-06', due }, '2026-03-09')).toBe('yellow')
    expect(lightOf(cal, { start: '2026-03-06', due }, '2026-03-10')).toBe('red')
    expect(lightOf(cal, { start: '2026-03-06', due: '2026-03-06' }, '2026-03-06')).toBe('yellow') // urgent: due the same day
  })
})
