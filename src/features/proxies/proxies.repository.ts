// SQL of standing proxies. Lists leave the document's bytes out.
import { sql, type Insertable } from 'kysely'
import type { Db } from '../../db/database.js'
import type { StandingProxiesTable } from '../../db/schema.js'

const columns = ['p.id', 'p.center_id as centerId', 'c.name as centerName', 'c.path as centerPath', 'p.principal_name as principalName',
  'p.principal_id_number as principalIdNumber', 'p.principal_phone as principalPhone', 'p.proxy_name as proxyName', 'p.proxy_user_id as proxyUserId',
  'p.scope', 'p.item_ids as itemIds', 'p.valid_until as validUntil', 'p.document_mime as documentMime', 'p.document_sha256 as documentSha256',
  'p.created_at as createdAt', 'p.revoked_at as revokedAt', 'p.revoke_reason as revokeReason'] as const

/** The listed items' names (their newest published version), in the order listed. */
const itemNames = sql<string[]>`array(select (select v.name from item_versions v where v.item_id = x.id and v.status <> 'draft' order by v.version desc limit 1)
  from unnest(p.item_ids) with ordinality as x(id, n) order by x.n)`.as('itemNames')

function base(db: Db) {
  return db.selectFrom('standing_proxies as p').innerJoin('centers as c', 'c.id', 'p.center_id').select([...columns, itemNames])
}

export type ProxyRow = NonNullable<Awaited<ReturnType<typeof findProxy>>>

export function findProxy(db: Db, id: number) {
  return base(db).where('p.id', '=', id).executeTakeFirst()
}

export function lockProxy(trx: Db, id: number) {
  return base(trx).where('p.id', '=', id).forUpdate('p').executeTakeFirst()
}

/** The proxies registered at centers under `path` (a room's, or a town's rooms'), newest first. */
export function listProxies(db: Db, path: string, q: { activeOn?: string; limit: number }) {
  let query = base(db).where(sql<boolean>`c.path like ${path + '%'}`)
  if (q.activeOn) query = query.where('p.revoked_at', 'is', null).where('p.valid_until', '>=', q.activeOn)
  return query.orderBy('p.id', 'desc').limit(q.limit).execute()
}

export async function insertProxy(trx: Db, p: Insertable<StandingProxiesTable>): Promise<number> {
  return (await trx.insertInto('standing_proxies').values(p).returning('id').executeTakeFirstOrThrow()).id
}

export function revokeProxy(trx: Db, id: number, by: number, at: Date, reason: string) {
  return trx.updateTable('standing_proxies').set({ revoked_at: at, revoked_by: by, revoke_reason: reason }).where('id', '=', id).execute()
}

export function readDocument(db: Db, id: number) {
  return db.selectFrom('standing_proxies').select(['document as data', 'document_mime as mime']).where('id', '=', id).executeTakeFirst()
}

/** The cases that used the proxy (its `proxy_use` events). */
export function listUses(db: Db, id: number) {
  return db.selectFrom('case_events as e').innerJoin('cases as k', 'k.id', 'e.case_id').select(['k.id as caseId', 'k.number', 'k.item_name as itemName', 'e.at'])
    .where('e.action', '=', 'proxy_use').where(sql<boolean>`(e.data->>'proxyId')::int = ${id}`).orderBy('e.id').execute()
}
