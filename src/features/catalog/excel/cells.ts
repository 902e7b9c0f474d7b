// Reading cells of an uploaded workbook as text, and typed readers for one row that report each problem
// under the column's Chinese header.
import type ExcelJS from 'exceljs'
import { fromLabel, LIST_SEPARATORS, NO, normalizeHeader, YES, type Column } from './columns.js'

export interface ImportProblem { sheet: string; row: number; column: string; message: string }

/** A cell as trimmed text, whatever exceljs made of it (rich text, formula result, hyperlink, number, date). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10)
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim()
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue)
    if ('text' in v) return cellText(v.text as ExcelJS.CellValue)
    if ('error' in v) return ''
  }
  return String(v).replace(/\u0000/g, '').trim()
}

export interface SheetRow<K extends string> { row: number; get(k: K): string }

/** Non-empty rows of a sheet as text keyed by column; columns are found by header, in any order. */
export function readSheet<K extends string>(ws: ExcelJS.Worksheet, columns: Column<K>[], problems: ImportProblem[]): SheetRow<K>[] {
  const index = new Map<K, number>()
  ws.getRow(1).eachCell((cell, col) => {
    const c = columns.find((x) => x.header === normalizeHeader(cellText(cell.value)))
    if (c && !index.has(c.key)) index.set(c.key, col)
  })
  for (const c of columns) if (c.required && !index.has(c.key)) problems.push({ sheet: ws.name, row: 1, column: c.header, message: `缺少必需的列「${c.header}」` })
  const rows: SheetRow<K>[] = []
  ws.eachRow((r, n) => {
    if (n === 1) return
    const texts = new Map<K, string>()
    for (const [k, col] of index) texts.set(k, cellText(r.getCell(col).value))
    if ([...texts.values()].every((t) => t === '')) return
    rows.push({ row: n, get: (k) => texts.get(k) ?? '' })
  })
  return rows
}

const split = (s: string) => s.split(LIST_SEPARATORS).map((x) => x.trim()).filter(Boolean)

/** Typed reads of one row; every problem goes to `report` under the column's header and is counted. */
export class CellReader<K extends string> {
  failures = 0
  constructor(private r: SheetRow<K>, private columns: Column<K>[], private report: (column: string, message: string) => void) {}

  header(k: K): string { return this.columns.find((c) => c.key === k)!.header }
  fail(k: K | string, message: string): void {
    this.failures += 1
    this.report(this.columns.find((c) => c.key === k)?.header ?? k, message)
  }
  raw(k: K): string { return this.r.get(k) }

  text(k: K, max: number, required = false): string {
    const v = this.r.get(k)
    if (required && !v) this.fail(k, `「${this.header(k)}」不能为空`)
    else if (v.length > max) this.fail(k, `「${this.header(k)}」不能超过 ${max} 个字`)
    return v
  }

  oneOf<V extends string>(k: K, table: Record<V, string[]>, fallback?: V): V {
    const v = this.r.get(k)
    if (!v && fallback) return fallback
    if (!v) { this.fail(k, `「${this.header(k)}」不能为空`); return undefined as unknown as V }
    const found = fromLabel(table, v)
    if (!found) this.fail(k, `「${v}」不是有效的${this.header(k)}，应为 ${Object.values<string[]>(table).map((l) => l[0]).join('、')}`)
    return found as V
  }

  listOf<V extends string>(k: K, table: Record<V, string[]>, required = false): V[] {
    if (required && !this.r.get(k)) this.fail(k, `「${this.header(k)}」不能为空`)
    const out = split(this.r.get(k)).flatMap((s) => {
      const f = fromLabel(table, s)
      if (!f) this.fail(k, `「${s}」不是有效的${this.header(k)}`)
      return f ? [f] : []
    })
    return [...new Set(out)]
  }

  list(k: K): string[] { return [...new Set(split(this.r.get(k)))] }

  int(k: K, opts: { required?: boolean; fallback?: number; max: number }): number {
    const v = this.r.get(k)
    if (!v) { if (opts.required) this.fail(k, `「${this.header(k)}」不能为空`); return opts.fallback ?? 0 }
    if (!/^\d+$/.test(v) || Number(v) > opts.max) { this.fail(k, `「${v}」应为 0 到 ${opts.max} 的整数`); return 0 }
    return Number(v)
  }

  bool(k: K, fallback: boolean): boolean {
    const v = this.r.get(k).toLowerCase()
    if (!v) return fallback
    if (YES.includes(v)) return true
    if (NO.includes(v)) return false
    this.fail(k, `「${v}」应为 是 或 否`)
    return fallback
  }
}
