// The national 好差评 form's checks: options only on a bad rating and only known codes; indicators by name, 1–5.
import { describe, expect, it } from 'vitest'
import { ratingFormProblems, storedIndicators } from '../../src/domain/rating-form.js'

const known = new Set(['many_trips', 'other'])
const fields = (f: Parameters<typeof ratingFormProblems>[0]) => ratingFormProblems(f, known).map((p) => p.field)

describe('ratingFormProblems', () => {
  it('a good rating with indicators, a bad one with known options: fine', () => {
    expect(fields({ score: 5, indicators: { efficiency: 4, attitude: 5, overall: 5 } })).toEqual([])
    expect(fields({ score: 1, options: ['many_trips', 'other'] })).toEqual([])
  })
  it('names each wrong field', () => {
    expect(fields({ score: 2, options: ['many_trips', 'nope'] })).toEqual(['body.options.1'])
    expect(fields({ score: 3, options: ['many_trips'] })).toEqual(['body.options'])
    expect(fields({ score: 2, options: ['other', 'other'] })).toEqual(['body.options'])
    expect(fields({ score: 4, indicators: { speed: 3, attitude: 0, overall: 2 } })).toEqual(['body.indicators.speed', 'body.indicators.attitude', 'body.indicators.overall'])
  })
  it('the overall indicator is the score', () => {
    expect(storedIndicators({ score: 4, indicators: { quality: 3 } })).toEqual({ quality: 3, overall: 4 })
  })
})
