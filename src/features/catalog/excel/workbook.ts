// Writes catalog workbooks: the blank template (headers, an example row, a help sheet, drop-down lists) and
// the export of published items (one row per item; materials on the second sheet keyed by 实施编码).
import type ExcelJS from 'exceljs'
import { ITEM_TYPES } from '../../../domain/vocabulary.js'
import type { MaterialFields, VersionFields } from '../version-fields.js'
import {
  allLabels, FORM_LABELS, HANDLING_LABELS, HELP_SHEET, ITEM_COLUMNS, ITEM_SHEET, label, LEVEL_LABELS, MATERIAL_COLUMNS,
  MATERIAL_SHEET, SPECIAL_LABELS, STATUS_LABELS, LAPSE_LABELS, TARGET_LABELS, UNIT_LABELS, EXTENSION_LABELS, type Column, type ItemKey, type MaterialKey,
} from './columns.js'

export interface ExportItem { code: string; departmentCode: string; fields: VersionFields; centerCodes: string[]; status: 'draft' | 'published' }
export interface ExportMaterial extends MaterialFields { code: string }

const MAX_VALIDATED_ROW = 5000

function sheet<K extends string>(wb: ExcelJS.Workbook, name: string, columns: Column<K>[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }))
  const header = ws.getRow(1)
  header.font = { bold: true }
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFFE699' : 'FFDDEBF7' } }
    if (c.help) cell.note = c.help
  })
  return ws
}

function dropDown<K extends string>(ws: ExcelJS.Worksheet, columns: Column<K>[], key: K, values: string[]) {
  const col = columns.findIndex((c) => c.key === key) + 1
  const letter = ws.getColumn(col).letter
  ;(ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations
    .add(`${letter}2:${letter}${MAX_VALIDATED_ROW}`, { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`] })
}

export function itemRow(i: ExportItem): Record<ItemKey, string | number> {
  const f = i.fields
  return {
    code: i.code, name: f.name, basicCode: f.basicCode, departmentCode: i.departmentCode, itemType: f.itemType,
    implementingBody: f.implementingBody, targets: f.targets.map((t) => label(TARGET_LABELS, t)).join('、'),
    handlingKind: label(HANDLING_LABELS, f.handlingKind), legalDays: f.legalDays, promisedDays: f.promisedDays,
    daysUnit: label(UNIT_LABELS, f.legalDaysUnit), extensionRule: label(EXTENSION_LABELS, f.extensionRule),
    extensionDays: f.extensionDays, outcomeWording: f.outcomeWording,
    acceptLevel: label(LEVEL_LABELS, f.acceptLevel), decideLevel: label(LEVEL_LABELS, f.decideLevel), legalBasis: f.legalBasis,
    conditions: f.conditions, procedure: f.procedure.join('→'), stepLimits: f.stepLimits.map((s) => `${s.step}:${s.days}`).join('；'),
    feesCharged: f.fees.charged ? '是' : '否', feesAmount: f.fees.amount ?? '', feesBasis: f.fees.basis ?? '', result: f.result,
    visits: f.visits, consultPhone: f.consultPhone, complaintPhone: f.complaintPhone,
    specialProcedures: f.specialProcedures.map((s) => label(SPECIAL_LABELS, s)).join('、'), theme: f.theme, category: f.category,
    keywords: f.keywords.join('、'), centerCodes: i.centerCodes.join('、'), status: label(STATUS_LABELS, i.status),
    deferralDays: f.deferralDays ?? '', deferralLapse: label(LAPSE_LABELS, f.deferralLapse), consecutiveSteps: f.consecutiveSteps ? '是' : '否',
  }
}

export function materialRow(m: ExportMaterial): Record<MaterialKey, string | number> {
  return {
    code: m.code, name: m.name, form: label(FORM_LABELS, m.form), copies: m.copies, required: m.required ? '是' : '否',
    note: m.note, sampleFileId: m.sampleFileId ?? '', deferrable: m.deferrable ? '是' : '否',
  }
}

export async function buildWorkbook(items: ExportItem[], materials: ExportMaterial[], opts: { help: boolean }): Promise<Buffer> {
  const { default: Excel } = await import('exceljs') // loaded on first use: it is the heaviest module (start-up time, memory)
  const wb = new Excel.Workbook()
  wb.creator = 'Yizhan 一站'
  wb.created = new Date()
  const ws = sheet(wb, ITEM_SHEET, ITEM_COLUMNS)
  ws.getColumn('code').numFmt = '@'
  ws.getColumn('basicCode').numFmt = '@'
  for (const i of items) ws.addRow(itemRow(i))
  dropDown(ws, ITEM_COLUMNS, 'itemType', [...ITEM_TYPES])
  dropDown(ws, ITEM_COLUMNS, 'handlingKind', allLabels(HANDLING_LABELS))
  dropDown(ws, ITEM_COLUMNS, 'acceptLevel', allLabels(LEVEL_LABELS))
  dropDown(ws, ITEM_COLUMNS, 'decideLevel', allLabels(LEVEL_LABELS))
  dropDown(ws, ITEM_COLUMNS, 'feesCharged', ['是', '否'])
  dropDown(ws, ITEM_COLUMNS, 'consecutiveSteps', ['是', '否'])
  dropDown(ws, ITEM_COLUMNS, 'status', allLabels(STATUS_LABELS))
  const ms = sheet(wb, MATERIAL_SHEET, MATERIAL_COLUMNS)
  ms.getColumn('code').numFmt = '@'
  for (const m of materials) ms.addRow(materialRow(m))
  dropDown(ms, MATERIAL_COLUMNS, 'form', allLabels(FORM_LABELS))
  dropDown(ms, MATERIAL_COLUMNS, 'required', ['是', '否'])
  if (opts.help) {
    const hs = wb.addWorksheet(HELP_SHEET)
    hs.columns = [{ header: '工作表', width: 10 }, { header: '列', width: 14 }, { header: '必填', width: 8 }, { header: '说明', width: 80 }]
    hs.getRow(1).font = { bold: true }
    for (const [name, cols] of [[ITEM_SHEET, ITEM_COLUMNS], [MATERIAL_SHEET, MATERIAL_COLUMNS]] as const) {
      for (const c of cols as Column<string>[]) hs.addRow([name, c.header, c.required ? '是' : '', c.help])
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
