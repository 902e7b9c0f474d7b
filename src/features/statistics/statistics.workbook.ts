// The statistics as an Excel workbook (exceljs): one sheet per table, Chinese headers; counts and rates are numbers
// (rates formatted as percentages), dates and months are Excel dates; a 指标口径 sheet gives each measure's written
// definition (the same text as the pages' tooltips). Staff names but never an applicant, so no ID number can appear.
import type ExcelJS from 'exceljs'
import { MEASURE_DEFINITIONS, type MeasureKey } from '../../domain/statistics-measures.js'
import type { Statistics } from './statistics.service.js'

type Row = Statistics['rows'][number]
type Col = { key: keyof Omit<Row, 'key' | 'name'>; header: string; measure?: MeasureKey; width?: number; pct?: boolean }

export const GROUP_LABELS = { center: '服务中心', department: '部门', window: '窗口', person: '工作人员', item: '事项', month: '月份' } as const

const m = (key: Col['key'] & MeasureKey, o: Partial<Col> = {}): Col => ({ key, header: MEASURE_DEFINITIONS[key].name, measure: key, ...o })
export const MEASURE_COLUMNS: Col[] = [
  m('received'), m('accepted'), m('refused'), m('finished'),
  { header: '按时办结', key: 'onTime' }, { header: '提前办结', key: 'early' }, { header: '超期办结', key: 'late' },
  m('onTimeRate', { pct: true }), m('avgWorkdays', { width: 14 }), m('tripsPerCase'), m('oneTripRate', { pct: true }),
  m('visits', { width: 14 }), m('rated'), { header: '好评数', key: 'satisfied' }, m('satisfaction', { pct: true }),
]

/** 2026-05-31 → an Excel date (a UTC midnight, so the cell shows that calendar day wherever it is opened). */
export const excelDate = (d: string) => new Date(`${d.length === 7 ? `${d}-01` : d}T00:00:00Z`)

function table(wb: ExcelJS.Workbook, name: string, first: string, byMonth: boolean, rows: { label: string; values: Omit<Row, 'key' | 'name'> }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = [{ header: first, key: 'label', width: byMonth ? 12 : 30 }, ...MEASURE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12 }))]
  ws.getRow(1).font = { bold: true }
  for (const r of rows) ws.addRow({ label: byMonth && /^\d{4}-\d{2}$/.test(r.label) ? excelDate(r.label) : r.label, ...r.values })
  if (byMonth) ws.getColumn(1).numFmt = 'yyyy"年"m"月"'
  MEASURE_COLUMNS.forEach((c, i) => { ws.getColumn(i + 2).numFmt = c.pct ? '0.0%' : c.key === 'avgWorkdays' || c.key === 'tripsPerCase' ? '0.0#' : '0' })
}

export async function statisticsWorkbook(s: Statistics, centerName: string): Promise<Buffer> {
  const { default: Excel } = await import('exceljs') // loaded on first use: it is the heaviest module (start-up time, memory)
  const wb = new Excel.Workbook()
  wb.creator = '一站 Yizhan'
  const label = GROUP_LABELS[s.groupBy]
  table(wb, `按${label}`, label, s.groupBy === 'month', [...s.rows.map((r) => ({ label: r.name, values: r })), { label: '合计', values: s.totals }])
  const ws = wb.addWorksheet('总体指标')
  ws.columns = [{ header: '指标', key: 'k', width: 28 }, { header: '数值', key: 'v', width: 20 }]
  ws.getRow(1).font = { bold: true }
  ws.addRows([
    { k: '统计范围', v: centerName }, { k: '起始日期', v: excelDate(s.from) }, { k: '截止日期', v: excelDate(s.to) },
    { k: '村便民服务室数', v: s.coverage.villageRooms }, { k: '有办件的村便民服务室', v: s.coverage.villageRoomsUsed },
    { k: MEASURE_DEFINITIONS.villageCoverage.name, v: s.coverage.rate }, { k: '应进驻单位', v: s.entry.requiredUnits },
    { k: '已进驻单位', v: s.entry.enteredUnits }, { k: MEASURE_DEFINITIONS.entryRate.name, v: s.entry.rate },
  ])
  for (const r of [3, 4]) ws.getCell(`B${r}`).numFmt = 'yyyy"年"m"月"d"日"'
  for (const r of [7, 10]) ws.getCell(`B${r}`).numFmt = '0.0%'
  const defs = wb.addWorksheet('指标口径')
  defs.columns = [{ header: '指标', key: 'name', width: 22 }, { header: '口径', key: 'definition', width: 100 }]
  defs.getRow(1).font = { bold: true }
  for (const d of Object.values(MEASURE_DEFINITIONS)) defs.addRow(d)
  defs.getColumn(2).alignment = { wrapText: true, vertical: 'top' }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
