// 督办: a supervisor sends a notice on a case to the person who answers for it now; that person acknowledges it.
// Both are one transaction each with an audit row. Also the manager's daily digest and the per-center settings.
import { errors } from '../../domain/errors.js'
import { assertCan, assertCovers, covers, type Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../kernel/context.js'
import { appendAudit } from '../audit/audit.repository.js'
import { responsiblePerson } from './lights.repository.js'
import { litSteps, scopeOf } from './lights.service.js'
import * as repo from './notices.repository.js'
import { allSettings, settingsFor, upsertSettings, type SupervisionSettings } from './settings.repository.js'

export async function sendNotice(ctx: AppContext, actor: Actor, body: { caseId: number; message: string }) {
  assertCan(actor, 'supervision.notify')
  const message = body.message.trim()
  if (!message) throw errors.validation([{ field: 'body.message', message: '请填写督办内容' }])
  const k = await ctx.db.selectFrom('cases as k').innerJoin('centers as c', 'c.id', 'k.current_center_id')
    .select(['k.id', 'k.status', 'k.origin_path as originPath', 'c.id as centerId', 'c.path as centerPath']).where('k.id', '=', body.caseId).executeTakeFirst()
  if (!k) throw errors.notFound('办件', body.caseId)
  if (!covers(actor.centerPath, k.originPath)) assertCovers(actor, k.centerPath)
  if (k.status === 'closed' || k.status === 'refused') throw errors.conflict('case_finished', '办件已办结或不予受理，无需督办', { status: k.status })
  const now = ctx.clock.now()
  const id = await ctx.db.transaction().execute(async (trx) => {
    const recipient = await responsiblePerson(trx, k.id)
    const n = await repo.insertNotice(trx, { caseId: k.id, centerId: k.centerId, centerPath: k.centerPath, sentBy: actor.userId, sentAt: now, recipientId: recipient, message })
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'supervision.notice', entity: 'case', entityId: k.id, data: { noticeId: n.id, recipientId: recipient } })
    return n.id
  })
  return (await repo.findNotice(ctx.db, id))!
}

export async function acknowledge(ctx: AppContext, actor: Actor, id: number, note: string) {
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    const n = await repo.lockNotice(trx, id)
    if (!n) throw errors.notFound('督办通知', id)
    if (n.recipientId !== actor.userId) throw errors.forbidden('只有被督办人可以签收')
    if (n.acknowledgedAt) throw errors.conflict('already_acknowledged', '此督办通知已签收')
    await repo.acknowledgeNotice(trx, id, now, note.trim())
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'supervision.acknowledge', entity: 'case', entityId: n.caseId, data: { noticeId: id } })
  })
  return (await repo.findNotice(ctx.db, id))!
}

/** Mine (as recipient) for anyone; the jurisdiction's for supervisors and managers. */
export async function listNotices(ctx: AppContext, actor: Actor, q: { mine?: boolean; caseId?: number }) {
  if (q.mine) return { notices: await repo.listNotices(ctx.db, { recipientId: actor.userId }) }
  assertCan(actor, 'supervision.read')
  return { notices: await repo.listNotices(ctx.db, { scopePath: actor.centerPath, caseId: q.caseId }) }
}

/** The manager's daily digest: today's yellow and red by center, the reddest steps, unanswered notices, late follow-ups. */
export async function digest(ctx: AppContext, actor: Actor) {
  assertCan(actor, 'supervision.read')
  const { today, steps } = await litSteps(ctx, actor.centerPath)
  const byCenter = new Map<string, { centerName: string; yellow: number; red: number }>()
  for (const s of steps) {
    const g = byCenter.get(s.centerName) ?? { centerName: s.centerName, yellow: 0, red: 0 }
    g[s.light as 'yellow' | 'red'] += 1
    byCenter.set(s.centerName, g)
  }
  const counts = await repo.digestCounts(ctx.db, actor.centerPath, today)
  return {
    date: today,
    yellow: steps.filter((s) => s.light === 'yellow').length, red: steps.filter((s) => s.light === 'red').length,
    byCenter: [...byCenter.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow),
    reddest: steps.filter((s) => s.light === 'red').slice(0, 10).map((s) => ({ caseId: s.caseId, number: s.number, itemName: s.itemName, dueDate: s.due, centerName: s.centerName, personName: s.personName })),
    unacknowledgedNotices: counts.notices, lateFollowups: counts.lateFollowups, openFollowups: counts.openFollowups,
  }
}

export async function getSettings(ctx: AppContext, actor: Actor, centerId?: number) {
  assertCan(actor, 'supervision.read')
  const path = await scopeOf(ctx, actor, centerId)
  return { centerId: centerId ?? actor.centerId, ...settingsFor(await allSettings(ctx.db), path) }
}

export async function putSettings(ctx: AppContext, actor: Actor, centerId: number, s: SupervisionSettings) {
  assertCan(actor, 'supervision.settings')
  await scopeOf(ctx, actor, centerId)
  await ctx.db.transaction().execute(async (trx) => {
    await upsertSettings(trx, centerId, s, actor.userId, ctx.clock.now())
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'supervision.settings', entity: 'center', entityId: centerId, data: { ...s } })
  })
  return getSettings(ctx, actor, centerId)
}
