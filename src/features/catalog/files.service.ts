// Uploads of material samples: one file of at most 5 MB, recognised by its first bytes (pdf, png, jpeg) or,
// for the zip-based Office formats, by its first bytes and its extension (docx, xlsx).
import path from 'node:path'
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import type { Actor } from '../../domain/jurisdiction.js'
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

/** The stored mime type of an upload, or undefined when it is not an accepted kind. */
export function detectMime(fileName: string, data: Buffer): string | undefined {
  const ext = path.extname(fileName).toLowerCase()
  const starts = (magic: number[]) => data.length >= magic.length && magic.every((b, i) => data[i] === b)
  const kind = KINDS.find((k) => starts(k.magic) && (k.magic !== ZIP || k.ext.includes(ext)))
  return kind?.mime
}

export function cleanFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"]/g, '').trim()
  return (base || 'file').slice(-200)
}

export async function storeFile(db: Db, actor: Actor, upload: { fileName: string; data: Buffer }) {
  if (upload.data.length === 0) throw errors.validation([{ field: 'body.file', message: '文件为空' }])
  const mime = detectMime(upload.fileName, upload.data)
  if (!mime) throw errors.validation([{ field: 'body.file', message: '只接受 pdf、png、jpeg、docx、xlsx 文件' }])
  const name = cleanFileName(upload.fileName)
  return db.transaction().execute(async (trx) => {
    const f = await repo.insertFile(trx, { name, mime, data: upload.data, createdBy: actor.userId })
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'file.upload', entity: 'file', entityId: f.id, data: { name, mime, size: f.size } })
    return { id: f.id, name: f.name, mime: f.mime, size: f.size }
  })
}

export async function publicSample(db: Db, id: number) {
  const f = await repo.findPublicSample(db, id)
  if (!f) throw errors.notFound('文件', id)
  return f
}

export async function staffSample(db: Db, actor: Actor, id: number) {
  const f = await repo.findStaffSample(db, id, actor.userId)
  if (!f) throw errors.notFound('文件', id)
  return f
}
