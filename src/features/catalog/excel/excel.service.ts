// The template and the export of the catalog workbook.
import type { Db } from '../../../db/database.js'
import { errors } from '../../../domain/errors.js'
import { assertCovers, type Actor } from '../../../domain/jurisdiction.js'
import * as offeringsRepo from '../offerings.repository.js'
import { fieldsFromRow, materialFromRow } from '../version-fields.js'
import { publishedForExport } from './excel.repository.js'
import { buildWorkbook, type ExportItem, type ExportMaterial } from './workbook.js'

const EXAMPLE: ExportItem = {
  code: '11420100MB0000000X000116001000', departmentCode: 'D-MZ', centerCodes: ['D01'], status: 'draft',
  fields: {
    name: '最低生活保障对象认定', basicCode: '000116001000', itemType: '行政给付', implementingBody: '区民政局',
    legalBasis: '《社会救助暂行办法》第九条至第十一条', targets: ['person'], handlingKind: 'promised', legalDays: 30, promisedDays: 20,
    legalDaysUnit: 'workday', extensionRule: 'none', extensionDays: 0, outcomeWording: '准予给付',
    acceptLevel: 'town', decideLevel: 'district', conditions: '共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合家庭财产状况规定',
    procedure: ['申请', '受理', '审核', '审批', '公示', '发放'], stepLimits: [{ step: '审核', days: 10 }],
    fees: { charged: false }, result: '最低生活保障金', visits: 1, consultPhone: '0710-0000000', complaintPhone: '12345',
    specialProcedures: ['public_notice'], theme: '社会保障', category: '民政服务类', keywords: ['低保'],
    deferralDays: null, deferralLapse: 'suspend', consecutiveSteps: false,
  },
}
const EXAMPLE_MATERIALS: ExportMaterial[] = [
  { code: EXAMPLE.code, name: '最低生活保障申请书', form: 'original', copies: 1, required: true, note: '', sampleFileId: null, deferrable: false },
  { code: EXAMPLE.code, name: '申请人居民身份证', form: 'copy', copies: 1, required: true, note: '核验原件', sampleFileId: null, deferrable: false },
]

export function template(): Promise<Buffer> {
  return buildWorkbook([EXAMPLE], EXAMPLE_MATERIALS, { help: true })
}

export async function exportPublished(db: Db, actor: Actor, centerId: number | undefined): Promise<Buffer> {
  if (centerId) {
    const [center] = await offeringsRepo.findCenters(db, [centerId])
    if (!center) throw errors.validation([{ field: 'querystring.centerId', message: '服务中心不存在' }])
    assertCovers(actor, center.path)
  }
  const { versions, materials, centers } = await publishedForExport(db, actor.centerPath, centerId)
  const codesByItem = new Map<number, string[]>()
  for (const c of centers) codesByItem.set(c.itemId, [...(codesByItem.get(c.itemId) ?? []), c.code])
  const codeByVersion = new Map(versions.map((v) => [v.id, v.code]))
  return buildWorkbook(
    versions.map((v) => ({ code: v.code, departmentCode: v.departmentCode, fields: fieldsFromRow(v), centerCodes: codesByItem.get(v.item_id) ?? [], status: 'published' })),
    materials.map((m) => ({ code: codeByVersion.get(m.version_id)!, ...materialFromRow(m) })),
    { help: false },
  )
}
