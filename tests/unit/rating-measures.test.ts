import { describe, expect, it } from 'vitest'
import { badFixedRate, goodRate, isBadScore, isGoodScore, ratedRate } from '../../src/domain/rating-measures.js'

describe('好差评 measures', () => {
  it('splits the five levels into 好评 (3–5) and 差评 (1–2)', () => {
    expect([5, 4, 3, 2, 1].map(isGoodScore)).toEqual([true, true, true, false, false])
    expect([5, 4, 3, 2, 1].map(isBadScore)).toEqual([false, false, false, true, true])
  })
  it('divides, and answers null when nothing was rated', () => {
    expect(goodRate(9, 10)).toBe(0.9)
    expect(badFixedRate(1, 4)).toBe(0.25)
    expect(ratedRate(0, 0)).toBeNull()
  })
})
