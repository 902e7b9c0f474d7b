// 统一社会信用代码 (GB 32100-2015): 18 characters from 31 symbols (no I, O, S, V, Z), the last a check character.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export function creditCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(first17[i]) * WEIGHTS[i]
  return CHARS[(31 - (sum % 31)) % 31]
}

export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(code)) return false
  return creditCheckChar(code.slice(0, 17)) === code[17]
}

/** Organizations' codes are public registry data, but lists keep the same shape as ID numbers: 9135**********Y43X. */
export { maskIdNumber as maskCreditCode } from './id-number.js'
