// The append-only audit log: every state change writes one row in the same transaction.
import type { Db } from '../../db/database.js'

export interface AuditEntry {
  actorId: number | null
  centerId: number | null
  action: string
  entity: string
  entityId: string | number
  data?: Record<string, unknown>
}

export function appendAudit(trx: Db, e: AuditEntry) {
  return trx.insertInto('audit_events').values({
    actor_id: e.actorId, center_id: e.centerId, action: e.action, entity: e.entity,
    entity_id: String(e.entityId), data: JSON.stringify(e.data ?? {}),
  }).execute()
}

export function listAudit(db: Db, entity: string, entityId: string | number) {
  return db.selectFrom('audit_events').selectAll().where('entity', '=', entity)
    .where('entity_id', '=', String(entityId)).orderBy('id').execute()
}
