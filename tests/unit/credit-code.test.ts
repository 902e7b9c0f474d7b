// 统一社会信用代码 (GB 32100): the check character over the 31-symbol alphabet.
import { describe, expect, it } from 'vitest'
import { creditCheckChar, isValidCreditCode } from '../../src/domain/credit-code.js'

describe('credit code', () => {
  it('accepts real codes and rejects a wrong check character, lower case, I/O/S/V/Z and other lengths', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true)
    expect(isValidCreditCode('91110000600037341L')).toBe(true)
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false)
    expect(isValidCreditCode('91350100m000100y43')).toBe(false)
    expect(isValidCreditCode('91350100O000100Y43')).toBe(false)
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false)
    expect(isValidCreditCode('')).toBe(false)
  })
  it('the computed check character completes a valid code', () => {
    for (const body of ['91350100M000100Y4', '12100000400000001', '11420199MB0000000']) {
      const c = creditCheckChar(body)
      expect(isValidCreditCode(body + c)).toBe(true)
    }
  })
})
