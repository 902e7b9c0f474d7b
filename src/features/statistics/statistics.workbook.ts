// The statistics as an Excel workbook (exceljs): one sheet per table, Chinese headers; staff names but never an
// applicant, so no ID number can appear.
import type ExcelJS from 'exceljs'
import type { Statistics } from './statistics.service.js'

type Row = Statistics['rows'][number]
type Col = { header: string; key: keyof Omit<Row, 'key' | 'name'>; width?: number; pct?: boolean }

export const GROUP_LABELS = { center: '服务中心', department: '部门', window: '窗口', person: '工作人员', item: '事项', month: '月份' } as const

export const MEASURE_COLUMNS: Col[] = [
  { header: '接件数', key: 'received' }, { header: '受理数', key: 'accepted' }, { header: '不予受理', key: 'refused' },
  { header: '办结数', key: 'finished' }, { header: '按时办结', key: 'onTime' }, { header: '提前办结', key: 'early' },
  { header: '超期办结', key: 'late' }, { header: '按时办结率', key: 'onTimeRate', pct: true }, { header: '平均办理工作日', key: 'avgWorkdays' },
  { header: '件均跑动次数', key: 'tripsPerCase' }, { header: '一次办结率', key: 'oneTripRate', pct: true },
  { header: '接待人次（取号）', key: 'visits', width: 16 }, { header: '评价数', key: 'rated' }, { header: '满意率', key: 'satisfaction', pct: true },
]

function table(wb: ExcelJS.Workbook, name: string, first: string, rows: { label: string; values: Omit<Row, 'key' | 'name'> }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = [{ header: first, key: 'label', width: 30 }, ...MEASURE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12 }))]
  ws.getRow(1).font = { bold: true }
  for (const r of rows) ws.addRow({ label: r.label, ...r.values })
  MEASURE_COLUMNS.forEach((c, i) => { if (c.pct) ws.getColumn(i + 2).numFmt = '0.0%' })
}

export async function statisticsWorkbook(s: Statistics, centerName: string): Promise<Buffer> {
  const { default: Excel } = await import('exceljs') // loaded on first use: it is the heaviest module (start-up time, memory)
  const wb = new Excel.Workbook()
  wb.creator = '一站 Yizhan'
  const label = GROUP_LABELS[s.groupBy]
  table(wb, `按${label}`, label, [...s.rows.map((r) => ({ label: r.name, values: r })), { label: '合计', values: s.totals }])
  const ws = wb.addWorksheet('总体指标')
  ws.columns = [{ header: '指标', key: 'k', width: 28 }, { header: '数值', key: 'v', width: 20 }]
  ws.getRow(1).font = { bold: true }
  ws.addRows([
    { k: '统计范围', v: centerName }, { k: '起始日期', v: s.from }, { k: '截止日期', v: s.to },
    { k: '村便民服务室数', v: s.coverage.villageRooms }, { k: '有办件的村便民服务室', v: s.coverage.villageRoomsUsed },
    { k: '村便民服务室覆盖率', v: s.coverage.rate }, { k: '应进驻单位', v: s.entry.requiredUnits },
    { k: '已进驻单位', v: s.entry.enteredUnits }, { k: '应进必进进驻率', v: s.entry.rate },
  ])
  return Buffer.from(await wb.xlsx.writeBuffer())
}
