// Electronic materials of a case: upload (sniffed, normalised, counted against the limits, one transaction with its
// audit row), list, view (each view of the bytes audited, like the full ID number) and "seen on the original paper".
// Whoever may read the case may read its files: its origin lies in their jurisdiction (the receiving levels above a
// village room see a handed-over case's photos at once). Clerks and agents add files; the holder marks them seen.
import { sql } from 'kysely'
import type { MaterialMime } from '../../domain/material-files.js'
import { CASE_INTAKE_ROLES, CASE_READERS } from '../../domain/case-status.js'
import { errors } from '../../domain/errors.js'
import { covers, type Actor } from '../../domain/jurisdiction.js'
import { mismatch, overLimit, sniffMaterial } from '../../domain/material-files.js'
import type { AppContext } from '../../kernel/context.js'
import { appendAudit } from '../audit/audit.repository.js'
import * as cases from '../cases/cases.repository.js'
import { cleanFileName } from '../catalog/files.service.js'
import * as repo from './materials.repository.js'
import { normalise } from './normalise.js'

export interface Upload { fileName: string; mimetype: string; data: Buffer }

function hasRole(actor: Actor, roles: readonly string[]) { return actor.roles.some((r) => roles.includes(r)) }

/** The case, when the actor may read it: 404 unknown, 403 outside their jurisdiction or without a reading role. */
async function readableCase(ctx: Pick<AppContext, 'db'>, actor: Actor, caseId: number) {
  if (!hasRole(actor, CASE_READERS)) throw errors.forbidden()
  const row = await cases.findCase(ctx.db, caseId)
  if (!row) throw errors.notFound('办件', caseId)
  if (!covers(actor.centerPath, row.originPath)) throw errors.outsideJurisdiction()
  return row
}

/** The file, when it belongs to the case in the path: a file of another case is a 403, never its bytes. */
async function fileOfCase(ctx: Pick<AppContext, 'db'>, caseId: number, fileId: number) {
  const f = await repo.findFile(ctx.db, fileId)
  if (!f) throw errors.notFound('电子材料', fileId)
  if (f.caseId !== caseId) throw errors.forbidden('此电子材料不属于这个办件')
  return f
}

export async function upload(ctx: AppContext, actor: Actor, caseId: number, up: Upload, caseMaterialId?: number) {
  if (!hasRole(actor, CASE_INTAKE_ROLES)) throw errors.forbidden('只有窗口人员或代办员可以上传电子材料')
  const row = await readableCase(ctx, actor, caseId)
  if (row.status === 'closed') throw errors.conflict('case_closed', '办件已办结，不能再添加电子材料')
  if (caseMaterialId !== undefined) {
    const m = await repo.findCaseMaterial(ctx.db, caseMaterialId)
    if (!m) throw errors.validation([{ field: 'querystring.caseMaterialId', message: '没有这项材料' }])
    if (m.caseId !== caseId) throw errors.forbidden('这项材料属于另一个办件')
  }
  if (up.data.length === 0) throw errors.validation([{ field: 'body.file', message: '文件为空' }])
  if (up.data.length > ctx.config.materials.fileBytes) throw errors.tooLarge(overLimit(ctx.config.materials, { bytes: 0, files: 0 }, up.data.length)!)
  const mime: MaterialMime | undefined = sniffMaterial(up.data)
  if (!mime) throw errors.validation([{ field: 'body.file', message: '只接受 JPEG、PNG 或 PDF 文件（按文件内容识别）' }])
  const wrong = mismatch(mime, up.mimetype, up.fileName)
  if (wrong) throw errors.validation([{ field: 'body.file', message: wrong }])
  const n = await normalise(mime, up.data) // outside the transaction: seconds of CPU must not hold the case's lock
  const now = ctx.clock.now()
  const name = cleanFileName(up.fileName)
  return ctx.db.transaction().execute(async (trx) => {
    await sql`select id from cases where id = ${caseId} for no key update`.execute(trx) // uploads to one case queue here
    const same = await repo.findBySha(trx, caseId, n.sha256)
    if (same) return { created: false, file: (await repo.findFile(trx, same.id))! }
    const why = overLimit(ctx.config.materials, await repo.heldBy(trx, caseId), n.data.length)
    if (why) throw errors.tooLarge(why)
    const id = (await repo.insertFile(trx, {
      case_id: caseId, case_material_id: caseMaterialId ?? null, name, mime, size: n.data.length, original_size: up.data.length,
      sha256: n.sha256, width: n.width, height: n.height, data: n.data, thumb: n.thumb, center_id: actor.centerId, uploaded_by: actor.userId, uploaded_at: now,
    }))!
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'case_file.upload', entity: 'case', entityId: caseId, data: { fileId: id, sha256: n.sha256, size: n.data.length } })
    return { created: true, file: (await repo.findFile(trx, id))! }
  })
}

export async function list(ctx: AppContext, actor: Actor, caseId: number) {
  await readableCase(ctx, actor, caseId)
  return { files: await repo.listFiles(ctx.db, caseId) }
}

/** The bytes (or the thumbnail) of one file; each view is an audit row. */
export async function view(ctx: AppContext, actor: Actor, caseId: number, fileId: number, which: 'data' | 'thumb') {
  await readableCase(ctx, actor, caseId)
  const f = await fileOfCase(ctx, caseId, fileId)
  const bytes = await repo.readBytes(ctx.db, fileId, which)
  if (!bytes?.data) throw errors.notFound('缩略图', fileId)
  await appendAudit(ctx.db, { actorId: actor.userId, centerId: actor.centerId, action: which === 'data' ? 'case_file.view' : 'case_file.thumb', entity: 'case', entityId: caseId, data: { fileId } })
  return { name: f.name, mime: which === 'data' ? f.mime : 'image/jpeg', data: bytes.data }
}

/** 已核对原件: the paper arrived at the holder's level and matches the photo. */
export async function markSeenOnPaper(ctx: AppContext, actor: Actor, caseId: number, fileId: number) {
  if (!hasRole(actor, CASE_INTAKE_ROLES)) throw errors.forbidden('只有窗口人员或代办员可以核对原件')
  const row = await readableCase(ctx, actor, caseId)
  if (row.currentCenterId !== actor.centerId) throw errors.forbidden('原件在持有办件的中心核对')
  await fileOfCase(ctx, caseId, fileId)
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    await repo.markSeen(trx, fileId, actor.userId, now)
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'case_file.seen_on_paper', entity: 'case', entityId: caseId, data: { fileId } })
  })
  return (await repo.findFile(ctx.db, fileId))!
}
