// Uploads of material samples: one file of at most 5 MB, recognised by its first bytes (pdf, png, jpeg) or,
// for the zip-based Office formats, by its first bytes and its extension (docx, xlsx). The stored name ends with
// the extension of the recognised kind. A file belongs to its department's center (or the uploader's); reads follow
// src/domain/file-access.ts.
import path from 'node:path'
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import { deleteRefusal, staffMayRead } from '../../domain/file-access.js'
import { assertCovers, type Actor } from '../../domain/jurisdiction.js'
import { appendAudit } from '../audit/audit.repository.js'
import * as repo from './files.repository.js'

export const MAX_FILE_BYTES = 5 * 1024 * 1024

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const KINDS: { ext: string[]; mime: string; magic: number[] }[] = [
  { ext: ['.pdf'], mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { ext: ['.png'], mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { ext: ['.jpg', '.jpeg'], mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { ext: ['.docx'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP },
  { ext: ['.xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
]

/** The accepted kind of an upload, or undefined. */
function detectKind(fileName: string, data: Buffer) {
  const ext = path.extname(fileName).toLowerCase()
  const starts = (magic: number[]) => data.length >= magic.length && magic.every((b, i) => data[i] === b)
  return KINDS.find((k) => starts(k.magic) && (k.magic !== ZIP || k.ext.includes(ext)))
}

/** The stored mime type of an upload, or undefined when it is not an accepted kind. */
export function detectMime(fileName: string, data: Buffer): string | undefined {
  return detectKind(fileName, data)?.mime
}

export function cleanFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"]/g, '').trim()
  return (base || 'file').slice(-200)
}

/** The name with the extension of its checked kind: 'form.html' holding a PNG is stored as 'form.png'. */
export function storedName(name: string, extensions: readonly string[]): string {
  const ext = path.extname(name)
  if (extensions.includes(ext.toLowerCase())) return name
  const stem = (ext ? name.slice(0, -ext.length) : name) || 'file'
  return stem.slice(0, 200 - extensions[0].length) + extensions[0]
}

export async function storeFile(db: Db, actor: Actor, upload: { fileName: string; data: Buffer }, departmentId?: number) {
  if (upload.data.length === 0) throw errors.validation([{ field: 'body.file', message: '文件为空' }])
  const kind = detectKind(upload.fileName, upload.data)
  if (!kind) throw errors.validation([{ field: 'body.file', message: '只接受 pdf、png、jpeg、docx、xlsx 文件' }])
  let centerId = actor.centerId
  if (departmentId !== undefined) {
    const dept = await repo.findDepartmentCenter(db, departmentId)
    if (!dept || dept.status !== 'active') throw errors.validation([{ field: 'querystring.departmentId', message: '部门不存在或已撤销' }])
    assertCovers(actor, dept.centerPath)
    centerId = dept.centerId
  }
  const name = storedName(cleanFileName(upload.fileName), kind.ext)
  const mime = kind.mime
  return db.transaction().execute(async (trx) => {
    const f = await repo.insertFile(trx, { name, mime, data: upload.data, createdBy: actor.userId, centerId, departmentId: departmentId ?? null })
    await appendAudit(trx, { actorId: actor.userId, centerId, action: 'file.upload', entity: 'file', entityId: f.id, data: { name, mime, size: f.size, departmentId } })
    return f
  })
}

export async function publicSample(db: Db, id: number) {
  const f = await repo.findPublicSample(db, id)
  if (!f) throw errors.notFound('文件', id)
  return f
}

/** A file for staff: 404 both when it does not exist and when it lies outside what the actor may read. */
export async function staffFile(db: Db, actor: Actor, id: number) {
  const [facts] = await repo.fileFacts(db, [id])
  const f = facts && staffMayRead(actor, facts) ? await repo.findFileData(db, id) : undefined
  if (!f) throw errors.notFound('文件', id)
  return f
}

/** Which of `ids` the actor may read (and so may name as a material sample). */
export async function readableFileIds(db: Db, actor: Actor, ids: number[]): Promise<Set<number>> {
  const rows = await repo.fileFacts(db, [...new Set(ids)])
  return new Set(rows.filter((f) => staffMayRead(actor, f)).map((f) => f.id))
}

/** Deletes an upload that no version names; 404 outside the actor's reach, 409 while it is in use. */
export async function deleteUpload(db: Db, actor: Actor, id: number) {
  await db.transaction().execute(async (trx) => {
    const f = await repo.lockFile(trx, id)
    const refusal = f && deleteRefusal(actor, f)
    if (!f || refusal === 'outside') throw errors.notFound('文件', id)
    if (refusal === 'in_use') throw errors.conflict('file_in_use', `文件「${f.name}」仍被事项材料引用，不能删除`)
    await repo.deleteFile(trx, id)
    await appendAudit(trx, { actorId: actor.userId, centerId: f.centerId, action: 'file.delete', entity: 'file', entityId: id, data: { name: f.name } })
  })
}
