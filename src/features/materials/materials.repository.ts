// SQL of electronic materials. Lists never select the bytes (they stay in TOAST until a view asks for them).
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { CaseFilesTable } from '../../db/schema.js'
import type { Insertable } from 'kysely'

const meta = ['f.id', 'f.case_id as caseId', 'f.case_material_id as caseMaterialId', 'f.name', 'f.mime', 'f.size', 'f.sha256',
  'f.width', 'f.height', 'f.center_id as centerId', 'c.name as centerName', 'f.uploaded_at as uploadedAt', 'u.name as uploadedBy',
  'f.seen_on_paper_at as seenOnPaperAt', 's.name as seenOnPaperBy', sql<boolean>`f.thumb is not null`.as('hasThumb')] as const

function metaQuery(db: Db) {
  return db.selectFrom('case_files as f').innerJoin('centers as c', 'c.id', 'f.center_id').innerJoin('users as u', 'u.id', 'f.uploaded_by')
    .leftJoin('users as s', 's.id', 'f.seen_on_paper_by').select([...meta])
}

export type FileMeta = NonNullable<Awaited<ReturnType<typeof findFile>>>

export function listFiles(db: Db, caseId: number) {
  return metaQuery(db).where('f.case_id', '=', caseId).orderBy('f.id').execute()
}

export function findFile(db: Db, id: number) {
  return metaQuery(db).where('f.id', '=', id).executeTakeFirst()
}

/** The case's stored bytes and files (inside the transaction that holds the case's lock). */
export async function heldBy(trx: Db, caseId: number): Promise<{ bytes: number; files: number }> {
  const r = await trx.selectFrom('case_files').select([sql<string>`coalesce(sum(size), 0)`.as('bytes'), sql<string>`count(*)`.as('files')])
    .where('case_id', '=', caseId).executeTakeFirstOrThrow()
  return { bytes: Number(r.bytes), files: Number(r.files) }
}

/** The new file's id, or undefined when the case holds these very bytes already. */
export async function insertFile(trx: Db, f: Insertable<CaseFilesTable>): Promise<number | undefined> {
  const r = await trx.insertInto('case_files').values(f).onConflict((oc) => oc.columns(['case_id', 'sha256']).doNothing()).returning('id').executeTakeFirst()
  return r?.id
}

export function findBySha(db: Db, caseId: number, sha: string) {
  return db.selectFrom('case_files').select('id').where('case_id', '=', caseId).where('sha256', '=', sha).executeTakeFirst()
}

export function readBytes(db: Db, id: number, which: 'data' | 'thumb') {
  return db.selectFrom('case_files').select(['case_id as caseId', 'name', 'mime', which === 'data' ? 'data' : 'thumb as data']).where('id', '=', id).executeTakeFirst()
}

export function markSeen(trx: Db, id: number, by: number, at: Date) {
  return trx.updateTable('case_files').set({ seen_on_paper_at: at, seen_on_paper_by: by }).where('id', '=', id).where('seen_on_paper_at', 'is', null).execute()
}

export function findCaseMaterial(db: Db, id: number) {
  return db.selectFrom('case_materials').select(['id', 'case_id as caseId', 'name']).where('id', '=', id).executeTakeFirst()
}

/** Per case: how many files, how many seen on paper (for lists such as the incoming hand-overs). */
export async function countsFor(db: Db, caseIds: readonly number[]): Promise<Map<number, { files: number; seen: number; firstId: number | null }>> {
  if (caseIds.length === 0) return new Map()
  const rows = await db.selectFrom('case_files').select(['case_id', sql<string>`count(*)`.as('files'), sql<string>`count(seen_on_paper_at)`.as('seen'),
    sql<number | null>`min(id) filter (where thumb is not null)`.as('firstId')]).where('case_id', 'in', [...caseIds]).groupBy('case_id').execute()
  return new Map(rows.map((r) => [r.case_id, { files: Number(r.files), seen: Number(r.seen), firstId: r.firstId }]))
}
