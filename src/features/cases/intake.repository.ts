// SQL intake needs: the item as published (with its materials and where it is offered), centers, windows, departments.
import { pathIds } from '../../domain/levels.js'
import { sql } from 'kysely'
import { jsonObjectFrom } from 'kysely/helpers/postgres'
import { runPrepared, type Db } from '../../db/database.js'
import type { StepLimit } from '../../db/schema.js'
import type { DocType } from '../../domain/legal-rules.js'

/** The item, its published version (if any) and whether `centerId` offers it. */
export function findItemForIntake(db: Db, itemId: number, centerId: number) {
  return itemForIntake(db, itemId, centerId).executeTakeFirst()
}

function itemForIntake(db: Db, itemId: number, centerId: number) {
  return db.selectFrom('service_items as i')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .leftJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').on('v.status', '=', 'published'))
    .select(['i.id', 'i.status', 'i.department_id as departmentId', 'd.center_id as departmentCenterId',
      'v.id as versionId', 'v.version', 'v.name', 'v.handling_kind as handlingKind', 'v.legal_days as legalDays',
      'v.promised_days as promisedDays', 'v.targets', 'v.days_unit as daysUnit', 'v.extension_rule as extensionRule',
      'v.extension_days as extensionDays', 'v.outcome_wording as outcomeWording', sql<StepLimit[]>`v.step_limits`.as('stepLimits'),
      'v.deferral_days as deferralDays', 'v.deferral_lapse as deferralLapse',
      sql<boolean>`exists (select 1 from item_offerings o where o.item_id = i.id and o.center_id = ${centerId})`.as('offered'),
      sql<{ id: number; name: string; required: boolean; position: number; deferrable: boolean }[]>`coalesce((select json_agg(json_build_object(
        'id', m.id, 'name', m.name, 'required', m.required, 'position', m.position, 'deferrable', m.deferral_allowed) order by m.position)
        from item_materials m where m.version_id = v.id), '[]'::json)`.as('materials')])
    .where('i.id', '=', itemId)
}

function centerQuery(db: Db, id: number) {
  return db.selectFrom('centers').select(['id', 'code', 'name', 'level', 'path', 'status', 'phone']).where('id', '=', id)
}

export function findCenter(db: Db, id: number) {
  return centerQuery(db, id).executeTakeFirst()
}

/** The active centers of a case's chain (its origin's path), from the district down. */
export function centersOnPath(db: Db, path: string) {
  return db.selectFrom('centers').select(['id', 'name', 'level', 'path']).where('id', 'in', pathIds(path)).where('status', '=', 'active')
    .orderBy(sql`length(path)`).execute()
}

/** Intake's two lookups in one round trip: the center and the item as `findCenter` and `findItemForIntake` give them. */
export async function findCenterAndItem(db: Db, centerId: number, itemId: number) {
  const [r] = await runPrepared(db, db.selectNoFrom([jsonObjectFrom(centerQuery(db, centerId)).as('center'), jsonObjectFrom(itemForIntake(db, itemId, centerId)).as('item')]).compile())
  return { center: r.center ?? undefined, item: r.item ?? undefined }
}

export function findWindow(db: Db, id: number) {
  return db.selectFrom('windows').select(['id', 'center_id as centerId', 'name', 'status']).where('id', '=', id).executeTakeFirst()
}

export function findDepartments(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('departments as d').innerJoin('centers as c', 'c.id', 'd.center_id')
    .select(['d.id', 'd.name', 'd.status', 'd.center_id as centerId', 'c.path as centerPath'])
    .where('d.id', 'in', [...ids]).execute()
}

export async function userDepartment(db: Db, userId: number): Promise<number | null> {
  const r = await db.selectFrom('users').select('department_id').where('id', '=', userId).executeTakeFirst()
  return r?.department_id ?? null
}

/** The actor's department: the session's when it read one, else the account's (the lists; a decision reads it afresh). */
export function actorDepartment(db: Db, actor: { userId: number; departmentId?: number | null }): Promise<number | null> {
  return actor.departmentId !== undefined ? Promise.resolve(actor.departmentId) : userDepartment(db, actor.userId)
}

export function findStaff(db: Db, id: number) {
  return db.selectFrom('users as u').innerJoin('centers as c', 'c.id', 'u.center_id')
    .select(['u.id', 'u.roles', 'u.status', 'c.path as centerPath']).where('u.id', '=', id).executeTakeFirst()
}

/** The deciding department (作出机关) with its appeal settings and its center's defaults. */
export function findDecidingDepartment(db: Db, departmentId: number) {
  return db.selectFrom('departments as d').innerJoin('centers as c', 'c.id', 'd.center_id')
    .select(['d.id', 'd.name', 'd.short_name as shortName', 'd.review_body as reviewBody', 'd.court', 'd.review_first as reviewFirst',
      'd.window_may_refuse as windowMayRefuse', 'c.review_body as centerReviewBody', 'c.court as centerCourt',
      'd.head_stand_in_user_id as headStandInUserId', 'd.head_away as headAway'])
    .where('d.id', '=', departmentId).executeTakeFirstOrThrow()
}

/** A case's documents with their 文号, in the order issued (written by the trigger of migration 0100). */
export function listDocuments(db: Db, caseId: number) {
  return db.selectFrom('case_documents').select([sql<DocType>`doc_type`.as('docType'), 'doc_number as docNumber', 'issued_at as issuedAt', 'event_id as eventId'])
    .where('case_id', '=', caseId).orderBy('id').execute()
}

/** The 事项类型 of an item version (行政许可 issues a permit after a grant, §44). */
export async function itemType(db: Db, versionId: number): Promise<string> {
  const r = await db.selectFrom('item_versions').select('item_type').where('id', '=', versionId).executeTakeFirstOrThrow()
  return r.item_type
}

/** The decision's wording of an item version (准予许可, 予以确认, …). */
export async function outcomeWording(db: Db, versionId: number): Promise<string> {
  const r = await db.selectFrom('item_versions').select(['outcome_wording', 'item_type']).where('id', '=', versionId).executeTakeFirstOrThrow()
  return r.outcome_wording || '已办结'
}
