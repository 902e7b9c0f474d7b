// Reads an uploaded catalog workbook and checks everything the file alone can tell (required columns, enum
// values, numbers, promised ≤ legal, duplicate codes). Every problem is named by sheet, row and column.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { checkItemLimits } from '../../../domain/item-rules.js'
import { ITEM_TYPES, type ItemType } from '../../../domain/vocabulary.js'
import { ITEM_CODE_PATTERN } from '../items.schemas.js'
import { normalizeFields, type MaterialFields, type VersionFields } from '../version-fields.js'
import { CellReader, readSheet, type ImportProblem, type SheetRow } from './cells.js'
import {
  FORM_LABELS, HANDLING_LABELS, ITEM_COLUMNS, ITEM_SHEET, LEVEL_LABELS, MATERIAL_COLUMNS, MATERIAL_SHEET, SPECIAL_LABELS,
  STATUS_LABELS, LAPSE_LABELS, STEP_SEPARATORS, TARGET_LABELS, UNIT_LABELS, EXTENSION_LABELS, type ItemKey, type MaterialKey,
} from './columns.js'
import { openWorkbook, WorkbookError } from './stream.js'

export type { ImportProblem } from './cells.js'
export interface ParsedItem {
  row: number; code: string; departmentCode: string
  /** undefined when the row has problems of its own (its references are still checked against the database) */
  fields: VersionFields | undefined
  centerCodes: string[] | undefined; publish: boolean; materials: (MaterialFields & { row: number })[] | undefined
}

export const MAX_ROWS = 20000
/** Rows checked between two turns of the event loop, so that a large file does not hold up other requests. */
export const YIELD_EVERY = 200
export const MAX_MATERIAL_ROWS = 10 * MAX_ROWS
const CODE = new RegExp(ITEM_CODE_PATTERN)
/** Which column a problem of checkItemLimits() belongs to, and the columns it is computed from. */
const LIMIT_COLUMN: Record<string, { column: ItemKey; from: ItemKey[] }> = {
  promisedDays: { column: 'promisedDays', from: ['legalDays', 'promisedDays'] },
  decideLevel: { column: 'decideLevel', from: ['acceptLevel', 'decideLevel'] },
  stepLimits: { column: 'stepLimits', from: ['stepLimits', 'legalDays'] },
}

/**
 * Every problem the file alone can show, in one pass: cells that cannot be read, formats, rules (承诺 ≤ 法定,
 * levels), duplicates. Rows are read as they are inflated and reading stops past the row limit.
 */
export async function parseCatalog(data: Buffer): Promise<{ items: ParsedItem[]; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = []
  let itemRows: SheetRow<ItemKey>[]
  let materialRows: SheetRow<MaterialKey>[]
  try {
    const wb = await openWorkbook(data)
    if (!wb.sheetNames.includes(ITEM_SHEET)) return { items: [], problems: [{ sheet: ITEM_SHEET, column: '', message: `找不到工作表「${ITEM_SHEET}」` }] }
    itemRows = await readSheet(wb.rows(ITEM_SHEET), ITEM_SHEET, ITEM_COLUMNS, problems, { maxRows: MAX_ROWS, message: `一次最多导入 ${MAX_ROWS} 个事项，请分批导入` })
    materialRows = wb.sheetNames.includes(MATERIAL_SHEET)
      ? await readSheet(wb.rows(MATERIAL_SHEET), MATERIAL_SHEET, MATERIAL_COLUMNS, problems, { maxRows: MAX_MATERIAL_ROWS, message: `一次最多导入 ${MAX_MATERIAL_ROWS} 条材料，请分批导入` })
      : []
  } catch (e) {
    if (e instanceof WorkbookError) return { items: [], problems: [{ column: '', message: e.message }] }
    throw e
  }

  const items: ParsedItem[] = []
  const firstRow = new Map<string, number>()
  // Codes written on the item sheet, valid rows or not: a material of a broken row is not also "unknown".
  const listed = new Set(itemRows.map((r) => r.get('code')).filter(Boolean))
  for (const [i, r] of itemRows.entries()) {
    if (i % YIELD_EVERY === 0) await nextTurn()
    const cells = new CellReader(r, ITEM_COLUMNS, (column, message) => problems.push({ sheet: ITEM_SHEET, row: r.row, column, message }))
    const item = parseItemRow(r.row, cells)
    if (!item.code) continue
    const first = firstRow.get(item.code)
    if (first !== undefined) { cells.fail('code', `实施编码 ${item.code} 与第 ${first} 行重复`); continue }
    firstRow.set(item.code, r.row)
    items.push(item)
  }
  const byCode = new Map(items.map((i) => [i.code, i]))
  for (const [i, r] of materialRows.entries()) {
    if (i % YIELD_EVERY === 0) await nextTurn()
    const cells = new CellReader(r, MATERIAL_COLUMNS, (column, message) => problems.push({ sheet: MATERIAL_SHEET, row: r.row, column, message }))
    const m = parseMaterialRow(cells)
    const code = r.get('code')
    if (!code) continue
    const item = byCode.get(code)
    if (!item) { if (!listed.has(code)) cells.fail('code', `实施编码 ${code} 不在「${ITEM_SHEET}」表中`); continue }
    if (m) (item.materials ??= []).push({ ...m, row: r.row })
  }
  return { items, problems }
}

function parseItemRow(row: number, c: CellReader<ItemKey>): ParsedItem {
  const code = c.text('code', 64, true)
  if (code && !CODE.test(code)) c.fail('code', `实施编码「${code}」只能包含字母、数字和 . _ -，最长 64 位`)
  const itemType = c.text('itemType', 20, true)
  if (itemType && !(ITEM_TYPES as readonly string[]).includes(itemType)) c.fail('itemType', `「${itemType}」不是有效的事项类型，应为 ${ITEM_TYPES.join('、')}`)
  const stepLimits = c.list('stepLimits').flatMap((s) => {
    const m = /^(.+?)\s*[:：]\s*(\d+)$/.exec(s)
    if (!m) { c.fail('stepLimits', `「${s}」应写成 环节:工作日`); return [] }
    return [{ step: m[1].slice(0, 100), days: Number(m[2]) }]
  })
  const raw = {
    name: c.text('name', 200, true), basicCode: c.text('basicCode', 64, true), itemType: itemType as ItemType,
    implementingBody: c.text('implementingBody', 200, true), targets: c.listOf('targets', TARGET_LABELS, true),
    handlingKind: c.oneOf('handlingKind', HANDLING_LABELS), legalDays: c.int('legalDays', { required: true, max: 3650 }),
    promisedDays: c.int('promisedDays', { required: true, max: 3650 }), acceptLevel: c.oneOf('acceptLevel', LEVEL_LABELS),
    legalDaysUnit: c.raw('daysUnit') ? c.oneOf('daysUnit', UNIT_LABELS) : undefined,
    extensionRule: c.raw('extensionRule') ? c.oneOf('extensionRule', EXTENSION_LABELS) : undefined,
    extensionDays: c.int('extensionDays', { fallback: 0, max: 3650 }), outcomeWording: c.text('outcomeWording', 20),
    decideLevel: c.oneOf('decideLevel', LEVEL_LABELS), legalBasis: c.text('legalBasis', 10000), conditions: c.text('conditions', 10000),
    procedure: c.raw('procedure').split(STEP_SEPARATORS).map((s) => s.trim()).filter(Boolean), stepLimits,
    fees: { charged: c.bool('feesCharged', false), amount: c.text('feesAmount', 200), basis: c.text('feesBasis', 2000) },
    result: c.text('result', 2000), visits: c.int('visits', { fallback: 1, max: 10 }), consultPhone: c.text('consultPhone', 50),
    complaintPhone: c.text('complaintPhone', 50), specialProcedures: c.listOf('specialProcedures', SPECIAL_LABELS),
    theme: c.text('theme', 50), category: c.text('category', 50), keywords: c.list('keywords'),
    deferralDays: c.raw('deferralDays') ? c.int('deferralDays', { max: 60 }) : null,
    deferralLapse: c.raw('deferralLapse') ? c.oneOf('deferralLapse', LAPSE_LABELS) : undefined,
    consecutiveSteps: c.bool('consecutiveSteps', false),
  }
  if (raw.keywords.length > 20 || raw.keywords.some((k) => k.length > 20)) c.fail('keywords', '「俗称」最多 20 个，每个不超过 20 个字')
  const departmentCode = c.text('departmentCode', 64, true)
  const status = c.oneOf<'draft' | 'published'>('status', STATUS_LABELS, 'draft')
  const centerCodes = c.list('centerCodes')
  const fields = normalizeFields(raw)
  for (const p of checkItemLimits(fields, '')) {
    const limit = LIMIT_COLUMN[p.field.split('.')[1]]
    if (!limit) c.fail('', p.message)
    else if (!limit.from.some((k) => c.failed.has(k))) c.fail(limit.column, p.message)
  }
  return {
    row, code, departmentCode, fields: c.failures > 0 ? undefined : fields, centerCodes: centerCodes.length ? centerCodes : undefined,
    publish: status === 'published', materials: undefined,
  }
}

function parseMaterialRow(c: CellReader<MaterialKey>): MaterialFields | undefined {
  c.text('code', 64, true)
  const name = c.text('name', 200, true)
  const form = c.oneOf('form', FORM_LABELS)
  const copies = c.int('copies', { fallback: 1, max: 99 })
  const required = c.bool('required', true)
  const note = c.text('note', 500)
  const file = c.raw('sampleFileId')
  if (file && !/^[1-9]\d{0,8}$/.test(file)) c.fail('sampleFileId', `「${file}」应为文件编号（正整数）`)
  if (c.failures > 0) return undefined
  const deferrable = c.bool('deferrable', false)
  if (c.failures > 0) return undefined
  return { name, form, copies, required, note, sampleFileId: file ? Number(file) : null, deferrable }
}

