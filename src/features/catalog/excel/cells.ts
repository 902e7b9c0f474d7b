// Reading cells of an uploaded workbook as text, and typed readers for one row that report each problem
// under the column's Chinese header.
import type ExcelJS from 'exceljs'
import { WorkbookError } from './stream.js'
import { fromLabel, LIST_SEPARATORS, NO, normalizeHeader, YES, type Column } from './columns.js'

/** A problem of the file; `sheet` and `row` are left out when it concerns the whole file. */
export interface ImportProblem { sheet?: string; row?: number; column: string; message: string }

/** A cell that cannot be read as text (a date out of range, a formula Excel never computed). */
export class CellError extends Error {}

/** A cell as trimmed text, whatever exceljs made of it (rich text, formula result, hyperlink, number, date). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'object') {
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) throw new CellError('日期超出范围，请填写有效的日期或改为文本')
      return v.toISOString().slice(0, 10)
    }
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim()
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: ExcelJS.CellValue }).result
      if (result === undefined || result === null) throw new CellError('公式没有计算结果，请在 Excel 中重新计算后保存，或粘贴为数值')
      return cellText(result)
    }
    if ('text' in v) return cellText(v.text as ExcelJS.CellValue)
    if ('error' in v) return ''
    throw new CellError('无法读取该单元格的内容')
  }
  return String(v).replace(/\u0000/g, '').trim()
}

export interface SheetRow<K extends string> { row: number; get(k: K): string; bad: ReadonlySet<K> }

/**
 * Non-empty rows of a sheet as text keyed by column; columns are found by header, in any order. A cell that
 * cannot be read, or a missing required column, is reported once here and marked bad in the row, so that the
 * typed readers do not report it again. More than maxRows data rows → WorkbookError (reading stops there).
 */
export async function readSheet<K extends string>(rows: AsyncIterable<ExcelJS.Row>, sheet: string, columns: Column<K>[],
  problems: ImportProblem[], limit: { maxRows: number; message: string }): Promise<SheetRow<K>[]> {
  const index = new Map<K, number>()
  const missing = new Set<K>()
  const out: SheetRow<K>[] = []
  let headerSeen = false
  for await (const r of rows) {
    if (!headerSeen) {
      headerSeen = true
      if (r.number === 1) {
        r.eachCell((cell, col) => {
          let text = ''
          try { text = cellText(cell.value) } catch { /* a header that cannot be read is no header */ }
          const c = columns.find((x) => x.header === normalizeHeader(text))
          if (c && !index.has(c.key)) index.set(c.key, col)
        })
      }
      for (const c of columns) {
        if (c.required && !index.has(c.key)) {
          missing.add(c.key)
          problems.push({ sheet, row: 1, column: c.header, message: `缺少必需的列「${c.header}」` })
        }
      }
      if (r.number === 1) continue
    }
    const texts = new Map<K, string>()
    const bad = new Set<K>(missing)
    for (const [k, col] of index) {
      const cell = r.getCell(col)
      try {
        texts.set(k, cellText(cell.value))
      } catch (e) {
        if (!(e instanceof CellError)) throw e
        bad.add(k)
        texts.set(k, '')
        problems.push({ sheet, row: r.number, column: columns.find((c) => c.key === k)!.header, message: `单元格 ${cell.address}：${e.message}` })
      }
    }
    if (bad.size === missing.size && [...texts.values()].every((t) => t === '')) continue
    if (out.length >= limit.maxRows) throw new WorkbookError(limit.message)
    out.push({ row: r.number, get: (k) => texts.get(k) ?? '', bad })
  }
  if (!headerSeen) for (const c of columns) if (c.required) problems.push({ sheet, row: 1, column: c.header, message: `缺少必需的列「${c.header}」` })
  return out
}

const split = (s: string) => s.split(LIST_SEPARATORS).map((x) => x.trim()).filter(Boolean)

/** Typed reads of one row; every problem goes to `report` under the column's header and is counted. */
export class CellReader<K extends string> {
  failures = 0
  constructor(private r: SheetRow<K>, private columns: Column<K>[], private report: (column: string, message: string) => void) {}

  header(k: K): string { return this.columns.find((c) => c.key === k)!.header }
  /** Columns that failed in this row (a limit problem over a failed column is not reported). */
  failed = new Set<string>()
  fail(k: K | string, message: string): void {
    this.failures += 1
    this.failed.add(k)
    if (this.r.bad.has(k as K)) return
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
