// CSV cells a spreadsheet cannot take for a formula (CSV injection, OWASP): a text that starts with = + - @, a tab or
// a carriage return gets a leading apostrophe, which Excel and LibreOffice show as text and never evaluate; then RFC 4180
// quoting. Numbers and booleans are written as they are (a negative number is a number, not a formula). Workbooks
// (exceljs) need no such care: a string is written as a text cell, never as a formula.

const FORMULA_START = /^[=+\-@\t\r]/

/** A text that would start a formula, made inert with a leading apostrophe. */
export const inertText = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s)

/** One CSV cell: null and undefined empty, text made inert and quoted when it holds a comma, a quote or a line break. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return ''
  const s = typeof v === 'string' ? inertText(v) : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** A CSV document as Excel opens it in Chinese: UTF-8 with a BOM, CRLF line ends, a header row. */
export function csvDocument(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))]
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}
