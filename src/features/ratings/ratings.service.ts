// 好差评: the applicant rates a finished service once (一次一评: a case, a served hall ticket, a consultation) from the
// progress page, the rating page or a window pad; staff can neither enter nor delete one. A bad rating opens a follow-up with its own limits, walked by the center's manager;
// a supervisor reviews a request to set a rating aside. Every step is one transaction with its event row.
import crypto from 'node:crypto'
import { addWorkingDays } from '../../domain/calendar.js'
import { chinaDate } from '../../domain/clock.js'
import { lightOf } from '../../domain/deadlines.js'
import { AppError, errors } from '../../domain/errors.js'
import { assertCan, assertCovers, type Actor } from '../../domain/jurisdiction.js'
import { allowedFollowupActions, followupDue, FOLLOWUP_ACTIONS, isBadScore, nextFollowupStatus, type FollowupAction, type FollowupStatus } from '../../domain/rating-followup.js'
import type { AppContext } from '../../kernel/context.js'
import { appendAudit } from '../audit/audit.repository.js'
import { calendarCache } from '../calendar/calendar.service.js'
import * as cases from '../cases/cases.repository.js'
import { allSettings, settingsFor } from '../supervision/settings.repository.js'
import { COMMENT_READERS, RATING_INDICATORS, ratingFormProblems, storedIndicators, TICKET_RATING_PREFIX } from '../../domain/rating-form.js'
import { CONSULTATION_PREFIX } from './consultations.service.js'
import * as repo from './ratings.repository.js'
import type { ServiceKind } from './ratings.repository.js'

export interface RatingBody {
  number: string; code: string; score: number; comment?: string; source?: 'progress' | 'pad'
  options?: string[]; indicators?: Record<string, number>
}

function codeMatches(given: string, actual: string, upper = true): boolean {
  const a = Buffer.from(upper ? given.toUpperCase() : given); const b = Buffer.from(actual)
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

/** A bad score's follow-up, due by the center's callback and fix days, in the rating's own transaction. */
async function openFollowup(trx: AppContext['db'], ctx: AppContext, r: { ratingId: number; caseId: number | null; ticketId?: number; consultationId?: number; center: { id: number; path: string }; score: number; now: Date; today: string }) {
  const cal = await calendarCache(ctx).get()
  const s = settingsFor(await allSettings(trx), r.center.path)
  const f = await repo.insertFollowup(trx, {
    ratingId: r.ratingId, caseId: r.caseId, ticketId: r.ticketId, consultationId: r.consultationId, centerId: r.center.id, centerPath: r.center.path, at: r.now,
    callbackDue: addWorkingDays(cal, r.today, s.callbackDays), fixDue: addWorkingDays(cal, r.today, s.fixDays),
  })
  await repo.appendFollowupEvent(trx, { followupId: f.id, at: r.now, actorId: null, action: 'open', from: null, to: 'open', note: `差评（${r.score} 分）自动生成整改单` })
  return f.id
}

/** The form's answers checked against the 差评 options in force: 400 naming each field. */
async function checkForm(ctx: AppContext, body: Pick<RatingBody, 'score' | 'options' | 'indicators'>) {
  const known = new Set((await repo.listOptions(ctx.db)).map((o) => o.code))
  const problems = ratingFormProblems(body, known)
  if (problems.length) throw errors.validation(problems)
}

/** A service rated by number + code: a case (query code), a consultation (ZX-, query code), a hall ticket (DT-id, the slip's token). */
type Located = { kind: ServiceKind; id: number }
async function locate(ctx: AppContext, number: string, code: string): Promise<Located> {
  if (number.startsWith(CONSULTATION_PREFIX)) {
    const q = await ctx.db.selectFrom('consultations').select(['id', 'query_code']).where('number', '=', number).executeTakeFirst()
    if (q && codeMatches(code, q.query_code)) return { kind: 'consultation', id: q.id }
  } else if (number.startsWith(TICKET_RATING_PREFIX)) {
    const digits = number.slice(TICKET_RATING_PREFIX.length)
    const id = /^[1-9][0-9]{0,14}$/.test(digits) ? Number(digits) : 0
    const t = id ? await ctx.db.selectFrom('tickets').select(['id', 'token']).where('id', '=', id).executeTakeFirst() : undefined
    if (t && codeMatches(code, t.token, false)) return { kind: 'ticket', id: t.id }
  } else {
    const found = await cases.findCaseByNumber(ctx.db, number)
    if (found && codeMatches(code, found.queryCode)) return { kind: 'case', id: found.id }
  }
  throw errors.notFound('办件（编号与查询码不匹配）')
}

/** What the service's row gives the rating: where it was served and by whom. */
async function lockService(trx: AppContext['db'], s: Located) {
  if (s.kind === 'case') {
    const row = (await cases.lockCase(trx, s.id))!
    const center = await trx.selectFrom('centers').select(['id', 'path']).where('id', '=', row.acceptingCenterId).executeTakeFirstOrThrow()
    return { number: row.number, center, departmentId: row.departmentId, windowId: row.windowId, staffId: row.createdBy, itemId: row.itemId, status: row.status }
  }
  if (s.kind === 'ticket') {
    const t = (await repo.lockTicket(trx, s.id))!
    return { number: t.number, center: { id: t.centerId, path: t.path }, departmentId: null, windowId: t.windowId, staffId: t.staffId, itemId: t.itemId, status: t.status }
  }
  const q = (await repo.lockConsultation(trx, s.id))!
  return { number: q.number, center: { id: q.centerId, path: q.centerPath }, departmentId: null, windowId: q.windowId, staffId: q.staffId, itemId: q.itemId, status: 'consulted' }
}

/**
 * The applicant rates a finished service once: a case closed, refused (不予受理), denied or answered once delivered,
 * or 即办 decided at the window; a served hall ticket; a consultation (the rating_services view says which). A bad
 * score's options and the indicators are stored with it; a bad score opens a follow-up in the same transaction.
 */
export async function submitRating(ctx: AppContext, body: RatingBody) {
  return rateService(ctx, await locate(ctx, body.number, body.code), body)
}

const NOT_FINISHED = {
  case: ['case_not_closed', '办件尚未办结，办结、不予受理或结果送达后才能评价'],
  ticket: ['ticket_not_served', '票号尚未办结，办结后才能评价'],
  consultation: ['case_not_closed', '咨询尚未登记完成'],
} as const

async function rateService(ctx: AppContext, service: Located, body: Omit<RatingBody, 'number' | 'code'>) {
  await checkForm(ctx, body)
  const now = ctx.clock.now()
  const today = chinaDate(now)
  const column = { case: 'case_id', ticket: 'ticket_id', consultation: 'consultation_id' } as const
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockService(trx, service)
    if (!(await repo.finishedAt(trx, service.kind, service.id))) {
      const [code, message] = NOT_FINISHED[service.kind]
      throw errors.conflict(code, message, { status: row.status })
    }
    const center = row.center
    const ratingId = await repo.insertRatingOnce(trx, {
      case_id: null, ticket_id: null, consultation_id: null, [column[service.kind]]: service.id,
      source: service.kind === 'ticket' ? 'ticket' : body.source ?? 'progress', score: body.score, comment: (body.comment ?? '').trim(),
      indicators: JSON.stringify(storedIndicators(body)), options: body.options ?? [],
      center_id: center.id, center_path: center.path, department_id: row.departmentId, window_id: row.windowId,
      staff_id: row.staffId, item_id: row.itemId, rated_at: now, rated_on: today,
    })
    if (ratingId === undefined) throw errors.conflict('already_rated', service.kind === 'ticket' ? '此票号已评价，每张只能评价一次' : '此项服务已评价，每项服务只能评价一次')
    const followupId = isBadScore(body.score)
      ? await openFollowup(trx, ctx, {
        ratingId, caseId: service.kind === 'case' ? service.id : null, ticketId: service.kind === 'ticket' ? service.id : undefined,
        consultationId: service.kind === 'consultation' ? service.id : undefined, center, score: body.score, now, today,
      })
      : null
    await appendAudit(trx, { actorId: null, centerId: center.id, action: 'rating.create', entity: 'rating', entityId: ratingId, data: { [`${service.kind}Id`]: service.id, bad: isBadScore(body.score) } })
    return { id: ratingId, number: row.number, score: body.score, followupId }
  })
}

/** Whether the service may be rated now, and whether it was (the progress page's button). */
export async function ratingState(ctx: AppContext, number: string, code: string) {
  const service = await locate(ctx, number, code)
  const [finished, rating] = await Promise.all([repo.finishedAt(ctx.db, service.kind, service.id), repo.findRatingOf(ctx.db, service.kind, service.id)])
  return {
    ratable: !!finished && !rating, rated: !!rating,
    addendumAllowed: !!rating && isBadScore(rating.score) && rating.addendum === null,
  }
}

/** 追评: the applicant adds to a bad rating once (GB/T 39734 差评 may be supplemented), recorded with an audit row. */
export async function addAddendum(ctx: AppContext, body: { number: string; code: string; comment: string }) {
  const service = await locate(ctx, body.number, body.code)
  const text = body.comment.trim()
  if (!text) throw errors.validation([{ field: 'body.comment', message: '请填写追评内容' }])
  const now = ctx.clock.now()
  return ctx.db.transaction().execute(async (trx) => {
    await lockService(trx, service)
    const rating = await repo.findRatingOf(trx, service.kind, service.id)
    if (!rating) throw errors.conflict('not_rated', '此项服务尚未评价，请先评价')
    if (!isBadScore(rating.score)) throw errors.conflict('not_bad_rating', '只有差评可以追评')
    if (!(await repo.setAddendum(trx, rating.id, text, now))) throw errors.conflict('already_added', '此差评已追评，每条差评只能追评一次')
    await appendAudit(trx, { actorId: null, centerId: rating.centerId, action: 'rating.addendum', entity: 'rating', entityId: rating.id, data: { [`${service.kind}Id`]: service.id } })
    return { id: rating.id, addendum: text, addendumAt: now }
  })
}

/** The form: the 差评 options in force and the indicators. */
export async function ratingOptions(ctx: AppContext) {
  return { options: await repo.listOptions(ctx.db), indicators: RATING_INDICATORS.map((i) => ({ name: i.name, text: i.text })), commentReaders: COMMENT_READERS }
}

export interface TicketRatingBody { token: string; score: number; comment?: string; options?: string[]; indicators?: Record<string, number> }

/**
 * The applicant rates a served (finished) hall ticket from its follow page, once, confidential, with the same five
 * levels; a bad score opens the same follow-up as a case's. The slip's token stands for the case's query code.
 */
export async function rateTicket(ctx: AppContext, ticketId: number, body: TicketRatingBody) {
  const { token, ...rest } = body
  return rateService(ctx, await locate(ctx, `${TICKET_RATING_PREFIX}${ticketId}`, token).catch((e: unknown) => { throw e instanceof AppError && e.kind === 'not_found' ? errors.notFound('票号（编号与凭证不匹配）') : e }), rest)
}

function viewFollowup(cal: Awaited<ReturnType<ReturnType<typeof calendarCache>['get']>>, f: NonNullable<Awaited<ReturnType<typeof repo.findFollowup>>>, today: string, roles: Actor['roles']) {
  const due = followupDue(f)
  return {
    id: f.id, status: f.status, callbackDue: f.callbackDue, fixDue: f.fixDue, due,
    light: due === null ? null : lightOf(cal, { start: chinaDate(new Date(f.createdAt)), due }, today),
    calledBackAt: f.calledBackAt, fixedAt: f.fixedAt, closedAt: f.closedAt, createdAt: f.createdAt,
    rating: { id: f.ratingId, score: f.score, comment: f.comment, ratedAt: f.ratedAt, source: f.source, options: f.options, indicators: f.indicators, addendum: f.addendum },
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
