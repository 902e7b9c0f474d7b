// 好差评: the applicant rates a closed case (or a served hall ticket) once (from the progress page or a window pad), confidential; staff can
// neither enter nor delete one. A bad rating opens a follow-up with its own limits, walked by the center's manager;
// a supervisor reviews a request to set a rating aside. Every step is one transaction with its event row.
import crypto from 'node:crypto'
import { addWorkingDays } from '../../domain/calendar.js'
import { chinaDate } from '../../domain/clock.js'
import { lightOf } from '../../domain/deadlines.js'
import { errors } from '../../domain/errors.js'
import { assertCan, assertCovers, type Actor } from '../../domain/jurisdiction.js'
import { allowedFollowupActions, followupDue, FOLLOWUP_ACTIONS, isBadScore, nextFollowupStatus, type FollowupAction, type FollowupStatus } from '../../domain/rating-followup.js'
import type { AppContext } from '../../server/app.js'
import { appendAudit } from '../audit/audit.repository.js'
import { calendarCache } from '../calendar/calendar.service.js'
import * as cases from '../cases/cases.repository.js'
import { allSettings, settingsFor } from '../supervision/settings.repository.js'
import * as repo from './ratings.repository.js'

export interface RatingBody { number: string; code: string; score: number; comment?: string; source?: 'progress' | 'pad' }

function codeMatches(given: string, actual: string, upper = true): boolean {
  const a = Buffer.from(upper ? given.toUpperCase() : given); const b = Buffer.from(actual)
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

/** A bad score's follow-up, due by the center's callback and fix days, in the rating's own transaction. */
async function openFollowup(trx: AppContext['db'], ctx: AppContext, r: { ratingId: number; caseId: number | null; ticketId?: number; center: { id: number; path: string }; score: number; now: Date; today: string }) {
  const cal = await calendarCache(ctx).get()
  const s = settingsFor(await allSettings(trx), r.center.path)
  const f = await repo.insertFollowup(trx, {
    ratingId: r.ratingId, caseId: r.caseId, ticketId: r.ticketId, centerId: r.center.id, centerPath: r.center.path, at: r.now,
    callbackDue: addWorkingDays(cal, r.today, s.callbackDays), fixDue: addWorkingDays(cal, r.today, s.fixDays),
  })
  await repo.appendFollowupEvent(trx, { followupId: f.id, at: r.now, actorId: null, action: 'open', from: null, to: 'open', note: `差评（${r.score} 分）自动生成整改单` })
  return f.id
}

export async function submitRating(ctx: AppContext, body: RatingBody) {
  const found = await cases.findCaseByNumber(ctx.db, body.number)
  if (!found || !codeMatches(body.code, found.queryCode)) throw errors.notFound('办件（编号与查询码不匹配）')
  const now = ctx.clock.now()
  const today = chinaDate(now)
  return ctx.db.transaction().execute(async (trx) => {
    const row = (await cases.lockCase(trx, found.id))!
    if (row.status !== 'closed') throw errors.conflict('case_not_closed', '办件尚未办结，办结后才能评价', { status: row.status })
    const center = await trx.selectFrom('centers').select(['id', 'path']).where('id', '=', row.acceptingCenterId).executeTakeFirstOrThrow()
    const ratingId = await repo.insertRatingOnce(trx, {
      case_id: row.id, source: body.source ?? 'progress', score: body.score, comment: (body.comment ?? '').trim(),
      center_id: center.id, center_path: center.path, department_id: row.departmentId, window_id: row.windowId,
      staff_id: row.createdBy, item_id: row.itemId, rated_at: now, rated_on: today,
    })
    if (ratingId === undefined) throw errors.conflict('already_rated', '此办件已评价，每件只能评价一次')
    const followupId = isBadScore(body.score) ? await openFollowup(trx, ctx, { ratingId, caseId: row.id, center, score: body.score, now, today }) : null
    await appendAudit(trx, { actorId: null, centerId: center.id, action: 'rating.create', entity: 'rating', entityId: ratingId, data: { caseId: row.id, bad: isBadScore(body.score) } })
    return { id: ratingId, number: row.number, score: body.score, followupId }
  })
}

export interface TicketRatingBody { token: string; score: number; comment?: string }

/**
 * The applicant rates a served (finished) hall ticket from its follow page, once, confidential, with the same five
 * levels; a bad score opens the same follow-up as a case's. The slip's token stands for the case's query code.
 */
export async function rateTicket(ctx: AppContext, ticketId: number, body: TicketRatingBody) {
  const found = await ctx.db.selectFrom('tickets').select(['id', 'token']).where('id', '=', ticketId).executeTakeFirst()
  if (!found || !codeMatches(body.token, found.token, false)) throw errors.notFound('票号（编号与凭证不匹配）')
  const now = ctx.clock.now()
  const today = chinaDate(now)
  return ctx.db.transaction().execute(async (trx) => {
    const t = (await trx.selectFrom('tickets as t').innerJoin('centers as c', 'c.id', 't.center_id')
      .select(['t.id', 't.number', 't.status', 't.window_id as windowId', 't.staff_id as staffId', 't.item_id as itemId', 'c.id as centerId', 'c.path'])
      .where('t.id', '=', ticketId).forUpdate('t').executeTakeFirst())!
    if (t.status !== 'done') throw errors.conflict('ticket_not_served', '票号尚未办结，办结后才能评价', { status: t.status })
    const center = { id: t.centerId, path: t.path }
    const ratingId = await repo.insertRatingOnce(trx, {
      case_id: null, ticket_id: t.id, source: 'ticket', score: body.score, comment: (body.comment ?? '').trim(),
      center_id: center.id, center_path: center.path, department_id: null, window_id: t.windowId, staff_id: t.staffId, item_id: t.itemId,
      rated_at: now, rated_on: today,
    })
    if (ratingId === undefined) throw errors.conflict('already_rated', '此票号已评价，每张只能评价一次')
    const followupId = isBadScore(body.score) ? await openFollowup(trx, ctx, { ratingId, caseId: null, ticketId: t.id, center, score: body.score, now, today }) : null
    await appendAudit(trx, { actorId: null, centerId: center.id, action: 'rating.create', entity: 'rating', entityId: ratingId, data: { ticketId: t.id, bad: isBadScore(body.score) } })
    return { id: ratingId, number: t.number, score: body.score, followupId }
  })
}

function viewFollowup(cal: Awaited<ReturnType<ReturnType<typeof calendarCache>['get']>>, f: NonNullable<Awaited<ReturnType<typeof repo.findFollowup>>>, today: string, roles: Actor['roles']) {
  const due = followupDue(f)
  return {
    id: f.id, status: f.status, callbackDue: f.callbackDue, fixDue: f.fixDue, due,
    light: due === null ? null : lightOf(cal, { start: chinaDate(new Date(f.createdAt)), due }, today),
    calledBackAt: f.calledBackAt, fixedAt: f.fixedAt, closedAt: f.closedAt, createdAt: f.createdAt,
    rating: { id: f.ratingId, score: f.score, comment: f.comment, ratedAt: f.ratedAt, source: f.source },
    case: { id: f.caseId, number: f.number, itemName: f.itemName }, ticketId: f.ticketId, centerId: f.centerId, centerName: f.centerName,
    allowedActions: allowedFollowupActions(f.status, roles),
  }
}

export async function listFollowups(ctx: AppContext, actor: Actor, status?: FollowupStatus) {
  assertCan(actor, 'supervision.read')
  const [rows, cal] = await Promise.all([repo.listFollowups(ctx.db, actor.centerPath, status), calendarCache(ctx).get()])
  const today = chinaDate(ctx.clock.now())
  return { followups: rows.map((f) => viewFollowup(cal, f, today, actor.roles)) }
}

export async function getFollowup(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'supervision.read')
  const f = await repo.findFollowup(ctx.db, id)
  if (!f) throw errors.notFound('差评整改单', id)
  assertCovers(actor, f.centerPath)
  const [cal, events] = await Promise.all([calendarCache(ctx).get(), repo.listFollowupEvents(ctx.db, id)])
  return { ...viewFollowup(cal, f, chinaDate(ctx.clock.now()), actor.roles), events }
}

export async function followupAction(ctx: AppContext, actor: Actor, id: number, action: FollowupAction, note: string) {
  if (!FOLLOWUP_ACTIONS[action].roles.some((r) => actor.roles.includes(r))) throw errors.forbidden('当前角色不能执行此整改操作')
  if (!note.trim()) throw errors.validation([{ field: 'body.note', message: '请填写回访、整改或复核情况' }])
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    const f = await repo.lockFollowup(trx, id)
    if (!f) throw errors.notFound('差评整改单', id)
    assertCovers(actor, f.centerPath)
    const before = action === 'reject_review' ? await beforeReview(trx, id) : null
    const to = nextFollowupStatus(f.status, action, before)
    const stamp = action === 'call_back' ? { called_back_at: now } : action === 'fix' ? { fixed_at: now } : action === 'close' ? { closed_at: now } : {}
    await repo.updateFollowup(trx, id, { status: to, ...stamp }, now)
    if (action === 'set_aside') await repo.setRatingAside(trx, f.ratingId)
    await repo.appendFollowupEvent(trx, { followupId: id, at: now, actorId: actor.userId, action, from: f.status, to, note: note.trim() })
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: `rating_followup.${action}`, entity: 'rating_followup', entityId: id, data: { from: f.status, to } })
  })
  return getFollowup(ctx, actor, id)
}

async function beforeReview(trx: AppContext['db'], id: number): Promise<FollowupStatus | null> {
  const events = await repo.listFollowupEvents(trx, id)
  return [...events].reverse().find((e) => e.action === 'request_review')?.from ?? null
}

export async function listRatings(ctx: AppContext, actor: Actor, q: { from: string; to: string }) {
  assertCan(actor, 'supervision.read')
  return { ratings: await repo.listRatings(ctx.db, actor.centerPath, q.from, q.to) }
}
