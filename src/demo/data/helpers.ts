// Small builders shared by the demo-district data files (no runtime state).
import type { DemoMaterial } from '../types.js'
import type { ItemType, MaterialForm } from '../../domain/vocabulary.js'

/** One application material. */
export function mat(name: string, form: MaterialForm = 'original', copies = 1, required = true, note?: string): DemoMaterial {
  return note === undefined ? { name, form, copies, required } : { name, form, copies, required, note }
}
/** Required original. */
export const O = (name: string, copies = 1, note?: string): DemoMaterial => mat(name, 'original', copies, true, note)
/** Required copy (复印件). */
export const C = (name: string, copies = 1, note?: string): DemoMaterial => mat(name, 'copy', copies, true, note)
/** Required electronic file. */
export const E = (name: string, note?: string): DemoMaterial => mat(name, 'electronic', 1, true, note)
/** Optional material (容缺 / 视情况提供). */
export const opt = (name: string, form: MaterialForm = 'copy', copies = 1, note?: string): DemoMaterial =>
  mat(name, form, copies, false, note)

/** Two-digit 事项类型 code used inside 基本编码. */
export const ITEM_TYPE_CODE: Record<ItemType, string> = {
  行政许可: '01', 行政给付: '05', 行政确认: '07', 行政奖励: '08', 行政裁决: '09', 其他行政权力: '10', 公共服务: '20',
}

/** 基本编码 (12 digits): '00' + type code + 3-digit domain + 2-digit sequence + '000'. */
export function basicCode(type: ItemType, domain: string, seq: number): string {
  return `00${ITEM_TYPE_CODE[type]}${domain}${String(seq).padStart(2, '0')}000`
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/**
 * A 统一社会信用代码 (GB 32100) for a government body of the demo district:
 * '11' (机关) + region '420199' (a fictional district code) + 9-char body code + check character.
 */
export function creditCode(serial: number): string {
  const body = `11420199MB${String(serial).padStart(7, '0')}`
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body[i]) * USCC_WEIGHTS[i]
  const check = (31 - (sum % 31)) % 31
  return body + USCC_CHARS[check]
}

/** Deterministic mobile numbers (13x/15x/18x), distinct for distinct n. */
const MOBILE_PREFIXES = ['138', '139', '135', '137', '150', '151', '152', '158', '159', '186', '187', '189', '133', '153', '180', '181', '182', '188', '130', '131', '132', '155', '156', '136']
export function mobile(n: number): string {
  const prefix = MOBILE_PREFIXES[(n * 7) % MOBILE_PREFIXES.length]
  const rest = (n * 7919 + 20480517) % 100_000_000
  return prefix + String(rest).padStart(8, '0')
}
