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

describe('maskIdNumbersIn: after decoding, at any position, 18 and 15 digits', () => {
  const id = '110101199003074477'
  const cases: [string, string][] = [
    [`/api/x?q=%E5%BC%A0%E4%B8%89${id}`, '/api/x?q=张三1101**********4477'], // the reviewer's request: a percent-encoded name before it
    [`/api/x?q=%31%31%30%31%30%31%31%39%39%30%30%33%30%37%34%34%37%37`, '/api/x?q=1101**********4477'], // every digit encoded
    [`/api/x?q=%2531%2531${id.slice(2)}`, '/api/x?q=1101**********4477'], // double-encoded
    [`name=张三${id}`, 'name=张三1101**********4477'],
    [`abc${id}def`, 'abc1101**********4477def'],
    [`id:${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}.`, 'id:1101**********4477.'], // written in groups
    [`${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14)}`, '1101**********4477'],
    ['11010519491231002x', '1101**********002x'],
    ['old 110101900307447 end', 'old 1101*******7447 end'], // 15 digits, first generation
    ['１１０１０１１９９００３０７４４７７', '1101**********4477'], // full-width digits
    [`q=%E5%BC%ZZ${id}`, 'q=%E5%BC%ZZ1101**********4477'], // a malformed sequence before it
    [`q=%E5%BC%31%31${id.slice(2)}`, 'q=%E5%BC1101**********4477'],
  ]
  it.each(cases)('%s', (input, expected) => {
    const out = maskIdNumbersIn(input)
    expect(out).not.toContain(id)
    expect(out).not.toContain(id.slice(4, 14))
    expect(out).toBe(expected)
  })
  it('leaves shorter numbers alone: phones, case numbers, dates, times', () => {
    const text = 'phone 13800138000 case 2026000012345 at 2026-12-02 ts 1764635631123'
    expect(maskIdNumbersIn(text)).toBe(text)
  })
  it('never throws on malformed percent-encoding', () => {
    expect(maskIdNumbersIn('%E5%BC%')).toBe('%E5%BC%')
    expect(maskIdNumbersIn('%E5%BC' + id)).not.toContain(id)
  })
})
