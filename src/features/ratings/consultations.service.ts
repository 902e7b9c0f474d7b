// 咨询: a window records a consultation in two clicks and prints a small slip with its number and query code; the
// applicant rates it like a case (POST /api/public/ratings). One transaction with its audit row.
import { sql } from 'kysely'
import { chinaDate } from '../../domain/clock.js'
import { errors } from '../../domain/errors.js'
import { assertCovers, type Actor } from '../../domain/jurisdiction.js'
import { CASE_INTAKE_ROLES } from '../../domain/case-status.js'
import type { AppContext } from '../../kernel/context.js'
import { appendAudit } from '../audit/audit.repository.js'
import { queryCode } from '../cases/intake.service.js'

/** A consultation's number starts with this (a case's with its center's code): the rating finds which it is. */
export const CONSULTATION_PREFIX = 'ZX-'

function findConsultation(db: AppContext['db'], id: number) {
  return db.selectFrom('consultations as q').innerJoin('centers as c', 'c.id', 'q.center_id').leftJoin('windows as w', 'w.id', 'q.window_id')
    .leftJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'q.item_id').on('v.status', '=', 'published'))
    .select(['q.id', 'q.number', 'q.query_code as queryCode', 'q.topic', 'q.created_at as createdAt', 'q.center_path as centerPath',
      'c.name as centerName', 'c.phone as centerPhone', 'w.name as windowName', 'v.name as itemName'])
    .where('q.id', '=', id).executeTakeFirst()
}

export async function recordConsultation(ctx: AppContext, actor: Actor, body: { itemId?: number; topic?: string; phone?: string }) {
  if (!actor.roles.some((r) => (CASE_INTAKE_ROLES as readonly string[]).includes(r))) throw errors.forbidden('只有窗口人员或代办员可以登记咨询')
  const phone = (body.phone ?? '').replace(/[\s-]/g, '')
  if (phone && !/^1[0-9]{10}$/.test(phone)) throw errors.validation([{ field: 'body.phone', message: '手机号应为 11 位数字' }])
  const now = ctx.clock.now()
  const day = chinaDate(now)
  const id = await ctx.db.transaction().execute(async (trx) => {
    const center = await trx.selectFrom('centers').select(['id', 'code', 'path']).where('id', '=', actor.centerId).executeTakeFirstOrThrow()
    if (body.itemId !== undefined && !(await trx.selectFrom('service_items').select('id').where('id', '=', body.itemId).executeTakeFirst())) {
      throw errors.validation([{ field: 'body.itemId', message: '事项不存在' }])
    }
    const row = await trx.insertInto('consultations').values({
      number: sql<string>`${`${CONSULTATION_PREFIX}${center.code}-${day.slice(0, 4)}-`} || lpad(nextval('consultation_number_seq')::text, 6, '0')`,
      query_code: queryCode(), center_id: center.id, center_path: center.path, window_id: actor.windowId, staff_id: actor.userId,
      item_id: body.itemId ?? null, topic: (body.topic ?? '').trim(), phone, created_at: now, day,
    }).returning('id').executeTakeFirstOrThrow()
    await appendAudit(trx, { actorId: actor.userId, centerId: center.id, action: 'consultation.create', entity: 'consultation', entityId: row.id, data: { itemId: body.itemId ?? null } })
    return row.id
  })
  return getConsultation(ctx, actor, id)
}

/** The slip: number, query code, where and when (staff of the center and above). */
export async function getConsultation(ctx: AppContext, actor: Actor, id: number) {
  const q = await findConsultation(ctx.db, id)
  if (!q) throw errors.notFound('咨询登记', id)
  assertCovers(actor, q.centerPath)
  const { centerPath: _, ...out } = q
  return out
}
