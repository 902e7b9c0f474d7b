// 居民身份证号码 (GB 11643): 18 characters, the last a check digit (0-9 or X).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function checkDigit(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

function validBirthDate(s: string): boolean {
  const y = Number(s.slice(0, 4)); const m = Number(s.slice(4, 6)); const d = Number(s.slice(6, 8))
  const date = new Date(Date.UTC(y, m - 1, d))
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false
  if (!validBirthDate(id.slice(6, 14))) return false
  return checkDigit(id.slice(0, 17)) === id[17]
}

/** 4201**********1234: the first 4 and last 4 characters stay, the rest is hidden. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length)
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4)
}

/** Mask every 18-character ID number inside free text (used by the log serializer). */
export function maskIdNumbersIn(text: string): string {
  return text.replace(/(?<![\dA-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![\dA-Za-z])/g, '$1**********$2')
}
