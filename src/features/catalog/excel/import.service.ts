// POST /api/items/import: every row is checked (the file, then against the database) before anything is written;
// any problem → 400 import_failed listing every { sheet, row, column, message } of the file in one answer.
// Then one transaction: new codes become items (draft, or published when 状态=发布), existing codes get a draft.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Db } from '../../../db/database.js'
import { errors } from '../../../domain/errors.js'
import { checkItemCodes } from '../../../domain/item-codes.js'
import { offeringKind } from '../../../domain/item-rules.js'
import { can, covers, type Actor } from '../../../domain/jurisdiction.js'
import { appendAudit } from '../../audit/audit.repository.js'
import * as itemsRepo from '../items.repository.js'
import * as offeringsRepo from '../offerings.repository.js'
import { sameContent, type VersionOutT } from '../version-fields.js'
import * as versionsRepo from '../versions.repository.js'
import { writeDraft } from '../versions.service.js'
import { readableFileIds } from '../files.service.js'
import { ITEM_SHEET, MATERIAL_SHEET } from './columns.js'
import { parseInWorker } from './parse-in-worker.js'
import { YIELD_EVERY, type ImportProblem, type ParsedItem } from './parse.js'

const MAX_DETAILS = 1000

export function importFailed(problems: ImportProblem[]) {
  return errors.invalid('import_failed', `导入失败：共 ${problems.length} 处错误，未写入任何数据`, problems.slice(0, MAX_DETAILS))
}

const CODE_COLUMNS = { code: '实施编码', basicCode: '基本编码' }
const SHEET_ORDER = [ITEM_SHEET, MATERIAL_SHEET]
/** In the order of the file: sheet, then row (problems of the whole file first). */
function sortProblems(ps: ImportProblem[]): ImportProblem[] {
  const rank = (p: ImportProblem) => (p.sheet === undefined ? -1 : SHEET_ORDER.indexOf(p.sheet))
  return [...ps].sort((a, b) => rank(a) - rank(b) || (a.row ?? 0) - (b.row ?? 0))
}

type Writable = ParsedItem & { fields: NonNullable<ParsedItem['fields']> }

type Existing = Awaited<ReturnType<typeof itemsRepo.findItemsByCodes>>[number]
type Dept = Awaited<ReturnType<typeof itemsRepo.findDepartmentsByCodes>>[number]
type Center = Awaited<ReturnType<typeof offeringsRepo.findCentersByCodes>>[number]

export async function importCatalog(db: Db, actor: Actor, data: Buffer) {
  const { items, problems } = await parseInWorker(data)
  if (items.length === 0 && problems.length === 0) throw importFailed([{ sheet: ITEM_SHEET, row: 2, column: '', message: '没有可导入的事项' }])
  if (items.length === 0) throw importFailed(problems)

  return db.transaction().execute(async (trx) => {
    const existing = new Map((await itemsRepo.findItemsByCodes(trx, items.map((i) => i.code))).map((e) => [e.code, e]))
    const ids = [...existing.values()].map((e) => e.id).sort((a, b) => a - b)
    if (ids.length) await trx.selectFrom('service_items').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute()
    const depts = new Map((await itemsRepo.findDepartmentsByCodes(trx, [...new Set(items.map((i) => i.departmentCode))])).map((d) => [d.code, d]))
    const centers = new Map((await offeringsRepo.findCentersByCodes(trx, [...new Set(items.flatMap((i) => i.centerCodes ?? []))])).map((c) => [c.code, c]))
    const current = await versionsRepo.findCurrentVersions(trx, ids)
    const offered = await offeringsRepo.offeringIdsOf(trx, ids)
    const fileIds = await readableFileIds(trx, actor, [...new Set(items.flatMap((i) => (i.materials ?? []).flatMap((m) => (m.sampleFileId ? [m.sampleFileId] : []))))])
    // The file's own problems and those only the database can tell, in one answer.
    const found: ImportProblem[] = [...problems]
    for (const [i, item] of items.entries()) {
      if (i % YIELD_EVERY === 0) await nextTurn()
      const e = existing.get(item.code)
      found.push(...rowProblems(actor, item, { existing: e, published: e && current.get(e.id)?.published, depts, centers, fileIds }))
    }
    if (found.length) throw importFailed(sortProblems(found))

    const counts = { created: 0, updated: 0, unchanged: 0 }
    for (const item of items) {
      const e = existing.get(item.code)
      const centerIds = item.centerCodes?.map((c) => centers.get(c)!.id)
      if (!e) {
        await createFromRow(trx, actor, { ...item, fields: item.fields! }, depts.get(item.departmentCode)!.id, centerIds ?? [])
        counts.created += 1
      } else if (await updateFromRow(trx, actor, e.id, { ...item, fields: item.fields! }, centerIds, { ...current.get(e.id), offered: offered.get(e.id) ?? [] })) counts.updated += 1
      else counts.unchanged += 1
    }
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'items.import', entity: 'catalog', entityId: 'import', data: { ...counts, rows: items.length } })
    return counts
  })
}

function rowProblems(actor: Actor, item: ParsedItem, ctx: {
  existing: Existing | undefined; published: VersionOutT | undefined; depts: Map<string, Dept>; centers: Map<string, Center>; fileIds: Set<number>
}): ImportProblem[] {
  const out: ImportProblem[] = []
  const p = (column: string, message: string) => out.push({ sheet: ITEM_SHEET, row: item.row, column, message })
  const dept = ctx.depts.get(item.departmentCode)
  if (!dept || dept.status !== 'active') p('部门编码', `部门编码 ${item.departmentCode} 不存在或已撤销`)
  else if (!covers(actor.centerPath, dept.centerPath)) p('部门编码', `部门「${dept.name}」不在本账号的辖区范围内`)
  else if (ctx.existing && ctx.existing.departmentId !== dept.id) p('部门编码', `实施编码 ${item.code} 属于「${ctx.existing.departmentName}」，不能改到其他部门`)
  if (ctx.existing?.status === 'retired') p('实施编码', `事项 ${item.code} 已停用`)
  if (item.fields && !ctx.existing?.localCode) {
    for (const c of checkItemCodes({ code: ctx.existing ? undefined : item.code, basicCode: item.fields.basicCode }, CODE_COLUMNS)) p(c.field, c.message)
  }
  if (!ctx.existing && item.publish && !can(actor.roles, 'catalog.publish')) p('状态', '当前账号无发布权限')
  const levels = [item.fields, ctx.published].filter((l) => l !== undefined)
  for (const code of item.centerCodes ?? []) {
    const c = ctx.centers.get(code)
    if (!c || c.status !== 'active') p('受理中心', `服务中心编码 ${code} 不存在或已撤销`)
    else if (!covers(actor.centerPath, c.path)) p('受理中心', `服务中心「${c.name}」不在本账号的辖区范围内`)
    else if (dept && !covers(dept.centerPath, c.path)) p('受理中心', `服务中心「${c.name}」不在主管部门所在中心之下`)
    else if (levels.some((l) => offeringKind(l, c.level) === 'not_allowed')) p('受理中心', `服务中心「${c.name}」的层级低于事项的受理层级`)
  }
  for (const m of item.materials ?? []) {
    if (m.sampleFileId && !ctx.fileIds.has(m.sampleFileId)) out.push({ sheet: MATERIAL_SHEET, row: m.row, column: '样表文件编号', message: `文件 ${m.sampleFileId} 不存在` })
  }
  return out
}

const plain = (ms: ParsedItem['materials']) => ms?.map(({ row: _r, ...m }) => m)

async function createFromRow(trx: Db, actor: Actor, item: Writable, departmentId: number, centerIds: number[]) {
  const { id } = await itemsRepo.insertItem(trx, { code: item.code, departmentId })
  const v = await versionsRepo.insertVersion(trx, { itemId: id, version: 1, status: item.publish ? 'published' : 'draft', fields: item.fields, actorId: actor.userId })
  await versionsRepo.replaceMaterials(trx, v.id, plain(item.materials) ?? [])
  await offeringsRepo.replaceOfferings(trx, id, centerIds)
  await appendAudit(trx, {
    actorId: actor.userId, centerId: actor.centerId, action: 'item.create', entity: 'service_item', entityId: id,
    data: { code: item.code, version: 1, published: item.publish, source: 'import' },
  })
}

/** A draft with the row's content unless it says what the draft (or the published version) already says. */
async function updateFromRow(trx: Db, actor: Actor, itemId: number, item: Writable, centerIds: number[] | undefined,
  now: { draft?: VersionOutT; published?: VersionOutT; offered: number[] }): Promise<boolean> {
  const current = now.draft ?? now.published
  const materials = plain(item.materials)
  let changed = !current || !sameContent({ fields: item.fields, materials: materials ?? current.materials }, { fields: current, materials: current.materials })
  if (changed) await writeDraft(trx, actor, itemId, item.fields, materials)
  if (centerIds) {
    const before = [...now.offered].sort((a, b) => a - b)
    const after = [...new Set(centerIds)].sort((a, b) => a - b)
    if (before.join() !== after.join()) {
      await offeringsRepo.replaceOfferings(trx, itemId, after)
      await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'item.offerings.set', entity: 'service_item', entityId: itemId, data: { before, after, source: 'import' } })
      changed = true
    }
  }
  return changed
}
