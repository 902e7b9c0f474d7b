// 全程代理 at a village room or a town's agency window (代办窗口): an agent records a case for an item that center does
// not accept itself. The case starts `received`, the applicant's written authorisation (委托书) is a material of its
// own, the agent holds the materials and the first hop (village → town, town → district) is due within the configured
// working days (urgent: the same day).
import type { Calendar } from '../../domain/calendar.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { hopDue, pathIds } from '../../domain/levels.js'
import type { Db } from '../../db/database.js'
import * as repo from '../cases/cases.repository.js'
import type { Agency } from '../cases/extensions.js'
import * as levels from './levels.repository.js'

export const AUTHORIZATION_NAME = '授权委托书'

/**
 * An agency intake: an agent at a village room or a town center, for an item that center does not offer but a center
 * above it does. Undefined for every other intake (which then follows the window's rules).
 */
export async function agencyFor(db: Db, actor: Pick<Actor, 'roles'>, center: { level: string; path: string }, item: { id: number; offered: boolean },
  body: { agency?: { authorization?: true; urgent?: boolean; proxyId?: number } }): Promise<Agency | undefined> {
  if (!actor.roles.includes('agent') || center.level === 'district' || item.offered) return undefined
  const above = pathIds(center.path).slice(0, -1)
  const offered = await db.selectFrom('item_offerings').select('center_id').where('item_id', '=', item.id).where('center_id', 'in', above).executeTakeFirst()
  if (!offered) return undefined
  const problems = body.agency?.authorization || body.agency?.proxyId ? [] : [{ field: 'body.agency.authorization', message: '代办须附申请人签署的授权委托书，或使用委托登记' }]
  return { urgent: body.agency?.urgent ?? false, problems }
}

/** The applicant's written authorisation (委托书), a material of the case of its own. */
export function insertAuthorization(trx: Db, caseId: number, now: Date) {
  return trx.insertInto('case_materials').values({
    case_id: caseId, item_material_id: null, kind: 'authorization', position: 0, name: AUTHORIZATION_NAME, required: true, received: true, received_at: now,
  }).execute()
}

/** Inside the intake's transaction: the authorisation, the agent's custody, the first hop's step; the event's note. */
export async function recordAgencyIntake(trx: Db, a: {
  caseId: number; agentId: number; center: { id: number; path: string }; cal: Calendar; now: Date; today: string; urgent: boolean
}): Promise<string> {
  await insertAuthorization(trx, a.caseId, a.now)
  const rule = await levels.ruleFor(trx, a.center.path)
  const due = hopDue(a.cal, a.today, rule, a.urgent)
  // seq 0: the hop comes before the steps the accepting window opens (they number from 1).
  await repo.insertSteps(trx, [{
    caseId: a.caseId, seq: 0, kind: 'handover', centerId: a.center.id, departmentId: null, assigneeId: a.agentId, at: a.now, startDate: a.today,
    limitDays: a.urgent ? 0 : rule.handoverDays, dueDate: due,
  }])
  const held = await repo.listMaterials(trx, a.caseId)
  await levels.insertHandover(trx, {
    caseId: a.caseId, at: a.now, direction: 'up', fromUserId: null, fromCenterId: a.center.id, toUserId: a.agentId, toCenterId: a.center.id,
    materials: held.filter((m) => m.received).map((m) => ({ id: m.id, name: m.name })), note: '申请人交代办员', dueDate: null, late: false,
  })
  return `代办受理（附授权委托书${a.urgent ? '，加急' : ''}），应于 ${due} 前交镇便民服务中心窗口`
}
