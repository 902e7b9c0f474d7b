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

/** Undo percent-encoding (repeatedly, for double encoding); a malformed UTF-8 run keeps its non-ASCII bytes encoded. */
export function decodeForMasking(text: string): string {
  let out = text
  for (let i = 0; i < 3 && /%[0-9A-Fa-f]{2}/.test(out); i++) {
    const next = out.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try { return decodeURIComponent(run) } catch { return run.replace(/%([0-7][0-9A-Fa-f])/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) }
    })
    if (next === out) break
    out = next
  }
  // Full-width digits and letters (１１０１…) become ASCII, so they are masked like any other.
  return out.normalize('NFKC')
}

// 15 or more digits (the last may be X), single blanks or hyphens allowed between them: an 18-character
// number, a 15-digit old-style one, or either written in groups. Any position: a letter or digit before
// it (as after a percent-encoded character) does not protect it.
const ID_LIKE = /\d(?:[ \t-]?\d){13,}(?:[ \t-]?[\dXx])?|\d(?:[ \t-]?\d){13}[ \t-]?[Xx]/g

/**
 * Mask every ID number inside free text (log lines, exported cells), after decoding: the first 4 and the last
 * 4 significant characters stay, every other digit becomes '*'. Separators inside a number are dropped.
 */
export function maskIdNumbersIn(text: string): string {
  return decodeForMasking(text).replace(ID_LIKE, (m) => maskIdNumber(m.replace(/[ \t-]/g, '')))
}
