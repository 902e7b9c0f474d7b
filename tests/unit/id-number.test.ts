import { describe, expect, it } from 'vitest'
import { checkDigit, isValidIdNumber, maskIdNumber, maskIdNumbersIn } from '../../src/domain/id-number.js'

describe('居民身份证号码 (GB 11643)', () => {
  const valid = '11010519491231002X' // the standard's own example
  it('accepts a number whose check digit matches', () => {
    expect(checkDigit(valid.slice(0, 17))).toBe('X')
    expect(isValidIdNumber(valid)).toBe(true)
    expect(isValidIdNumber('420102199003071234'.slice(0, 17) + checkDigit('42010219900307123'))).toBe(true)
  })
  it('refuses a wrong check digit, a bad date, a wrong length or a lower-case x', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false)
    expect(isValidIdNumber('110105194902300020'.slice(0, 17) + checkDigit('11010519490230002'))).toBe(false) // 2月30日
    expect(isValidIdNumber('11010519491231002')).toBe(false)
    expect(isValidIdNumber('11010519491231002x')).toBe(false)
  })
  it('masks to the first 4 and last 4 characters', () => {
    expect(maskIdNumber(valid)).toBe('1101**********002X')
    expect(maskIdNumbersIn(`GET /api/cases?q=${valid}&x=1`)).toBe('GET /api/cases?q=1101**********002X&x=1')
    expect(maskIdNumbersIn('case 2026000012345 phone 13800138000')).toBe('case 2026000012345 phone 13800138000')
  })
})
