// The shape of catalog codes (GB/T 39554-style): a 基本编码 is 12 digits, the same wherever the item is implemented;
// a 实施编码 is the implementing body's 18-character 统一社会信用代码 (GB 32100 alphabet) followed by that 基本编码.
// An administrator may mark an item local (地方事项), whose codes are the district's own and are not checked.
import type { FieldProblem } from './errors.js'

export const BASIC_CODE_RE = /^\d{12}$/
export const ITEM_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{18}\d{12}$/

export const BASIC_CODE_HINT = '12 位数字，例如 000510401000'
export const ITEM_CODE_HINT = '30 位：18 位统一社会信用代码 + 12 位基本编码'

/** Problems of an item's codes; `code` is left out when only the 基本编码 changes (a draft of an existing item). */
export function checkItemCodes(v: { code?: string; basicCode: string }, fields: { code: string; basicCode: string }): FieldProblem[] {
  const out: FieldProblem[] = []
  const basicOk = BASIC_CODE_RE.test(v.basicCode)
  if (!basicOk) out.push({ field: fields.basicCode, message: `基本编码「${v.basicCode}」格式不对：${BASIC_CODE_HINT}` })
  if (v.code === undefined) return out
  if (!ITEM_CODE_RE.test(v.code.toUpperCase())) out.push({ field: fields.code, message: `实施编码「${v.code}」格式不对：${ITEM_CODE_HINT}` })
  else if (basicOk && !v.code.endsWith(v.basicCode)) out.push({ field: fields.code, message: `实施编码应以基本编码 ${v.basicCode} 结尾` })
  return out
}
