// POST /api/cases/:id/actions/:action: one transaction that locks the case (NOWAIT: a concurrent actor gets 409),
// checks jurisdiction, role and status against the one table, applies the action, writes and appends the event.
import { assertAction, type ActionContext, type CaseAction, type CaseStatus } from '../../domain/case-status.js'
import { chinaDate } from '../../domain/clock.js'
import { commitmentLapsed } from '../../domain/commitments.js'
import { errors } from '../../domain/errors.js'
import { covers, type Actor } from '../../domain/jurisdiction.js'
import { deciderBlock, type DeciderFacts } from '../../domain/legal-rules.js'
import type { Db } from '../../db/database.js'
import type { AppContext } from '../../kernel/context.js'
import { calendarCache } from '../calendar/calendar.service.js'
import type { ActionBody, ActionState, Handled } from './action-state.js'
import * as repo from './cases.repository.js'
import * as items from './intake.repository.js'
import { pathIds } from '../../domain/levels.js'
import { actionTable } from './extensions.js'

/** Open steps this actor may work on: at their own center (a parent level supervises, it does not work a lower
 * center's step) and, when they belong to a department, of that department. */
export function openStepsFor(actor: Pick<Actor, 'centerId'>, actorDepartmentId: number | null, steps: readonly repo.StepRow[]) {
  return steps.filter((s) => s.doneAt === null && s.centerId === actor.centerId &&
    (actorDepartmentId === null || s.departmentId === null || s.departmentId === actorDepartmentId))
}

/** The facts the one table decides on, for this actor and this case. */
export function actionContext(s: Pick<ActionState, 'actor' | 'row' | 'steps' | 'myOpenSteps' | 'holder' | 'lapseRule' | 'today' | 'consecutiveSteps'> & { pendingExtension: boolean }): ActionContext {
  const { row, holder } = s
  const doneBy: ActionContext['doneBy'] = {}
  for (const x of s.steps) if (x.doneAt !== null && x.doneBy !== null) doneBy[x.kind] = { id: x.doneBy, name: x.doneByName ?? '' }
  const delivery = row.delivery
  const promise = s.steps.find((x) => x.kind === 'commitment' && x.doneAt === null)
  return {
    commitment: !promise ? 'none' : commitmentLapsed(promise, s.today) ? 'lapsed' : 'open', lapseRule: s.lapseRule ?? null,
    handlingKind: row.handlingKind, paused: row.pausedSince !== null, delivered: delivery !== null,
    pendingExtension: s.pendingExtension, openSteps: s.steps.filter((x) => x.doneAt === null).map((x) => x.kind),
    myOpenSteps: s.myOpenSteps.map((x) => x.kind), actorCenterId: s.actor.centerId, holderCenterId: row.currentCenterId,
    offeredHere: Boolean(holder.offeredHere), topOfChain: pathIds(row.originPath)[0] === row.currentCenterId,
    decidedAbove: row.handlingKind === 'forward' && holder.deciderPath !== holder.holderPath && covers(holder.deciderPath, holder.holderPath),
    resultAt: delivery?.method === 'pickup' ? delivery.centerId : null,
    actorId: s.actor.userId, doneBy, consecutiveSteps: s.consecutiveSteps ?? false,
  }
}

export async function loadState(trx: Db, ctx: AppContext, actor: Actor, id: number, lock: boolean): Promise<ActionState & { pendingExtension: boolean }> {
  const row = await (lock ? repo.lockCase(trx, id) : repo.findCase(trx, id))
  if (!row) throw errors.notFound('办件', id)
  if (!covers(actor.centerPath, row.originPath)) throw errors.outsideJurisdiction()
  const [cal, steps, pauses, pending, actorDepartmentId, holder, consecutiveSteps] = await Promise.all([
    calendarCache(ctx).get(), repo.listSteps(trx, id), repo.listPauses(trx, id), repo.hasPendingExtension(trx, id),
    items.userDepartment(trx, actor.userId), repo.findHolder(trx, id), repo.consecutiveStepsAllowed(trx, id),
  ])
  const now = ctx.clock.now()
  const lapseRule = steps.some((x) => x.kind === 'commitment' && x.doneAt === null)
    ? (await trx.selectFrom('item_versions').select('deferral_lapse').where('id', '=', row.itemVersionId).executeTakeFirstOrThrow()).deferral_lapse : null
  return {
    trx, cal, actor, actorDepartmentId, row, steps, pauses, holder, now, today: chinaDate(now), pendingExtension: pending !== undefined, lapseRule, consecutiveSteps,
    myOpenSteps: openStepsFor(actor, actorDepartmentId, steps),
  }
}

/** The law's word on who decides (legal-rules.deciderBlock): 403 when this actor may not take the action for this department. */
async function assertDecider(s: ActionState, action: CaseAction): Promise<void> {
  if (!DECIDER_ACTIONS.includes(action)) return
  s.decider = await deciderContext(s)
  const why = deciderBlock(action, s.decider)
  if (why) throw errors.forbidden(why)
}

export const DECIDER_ACTIONS: readonly CaseAction[] = ['extend', 'refuse']

export async function deciderContext(s: Pick<ActionState, 'trx' | 'actor' | 'actorDepartmentId' | 'row'>,
  dept?: { windowMayRefuse: boolean; headStandInUserId: number | null; headAway: boolean }): Promise<DeciderFacts> {
  const d = dept ?? await items.findDecidingDepartment(s.trx, s.row.departmentId)
  return {
    roles: s.actor.roles, actorDepartmentId: s.actorDepartmentId, caseDepartmentId: s.row.departmentId, windowMayRefuse: d.windowMayRefuse,
    standingIn: d.headAway && d.headStandInUserId === s.actor.userId, roomWithinLegal: Math.max(0, s.row.legalDays - s.row.promisedDays - s.row.extendedDays),
  }
}

export async function performAction(ctx: AppContext, actor: Actor & { windowId: number | null }, id: number, action: CaseAction, body: ActionBody) {
  await ctx.db.transaction().execute((trx) => applyAction(trx, ctx, actor, id, action, body))
}

/** One action inside the caller's transaction: lock, check, apply, write the case and append its event. */
async function applyAction(trx: Db, ctx: AppContext, actor: Actor & { windowId: number | null }, id: number, action: CaseAction, body: ActionBody) {
  const state = await loadState(trx, ctx, actor, id, true)
  const { row } = state
  if (body.version !== undefined && body.version !== row.version) {
    throw errors.conflict('stale_case', '办件已被他人更新，请刷新后再办理', { version: row.version })
  }
  const to = assertAction(row.status, actor.roles, actionContext(state), action, state.holder.holderName)
  await assertDecider(state, action)
  const done: Handled = await actionTable()[action](state, body)
  const next: CaseStatus = to ?? row.status
  await repo.updateCase(trx, id, { status: next, ...done.patch }, state.now)
  await repo.appendEvents(trx, [{
    caseId: id, at: state.now, actorId: actor.userId, centerId: done.centerId ?? actor.centerId,
    windowId: actor.windowId, action, from: row.status, to: next, note: done.note, data: done.data,
  }])
}

/** The actions one dialog may take in a row (同一人连续办理): 承办/审核 (advance) up to the decision. */
export const CHAIN_STEPS: readonly CaseAction[] = ['advance']
export const CHAIN_ENDS: readonly CaseAction[] = ['advance', 'approve', 'deny', 'answer']

/**
 * 同一人连续办理: consecutive steps this actor holds, completed from one dialog in one transaction, each action
 * checked as if taken alone (the actor must hold each step when its turn comes) and recorded as its own event.
 * Only where the item version allows it (separation of duties is the default: 403 otherwise).
 */
export async function performChain(ctx: AppContext, actor: Actor & { windowId: number | null }, id: number, version: number | undefined,
  chain: { action: CaseAction; body: ActionBody }[]) {
  const last = chain.length - 1
  const bad = chain.findIndex((c, i) => !(i === last ? CHAIN_ENDS : CHAIN_STEPS).includes(c.action))
  if (chain.length < 2 || bad >= 0) {
    throw errors.validation([{ field: `body.actions${bad >= 0 ? `/${bad}/action` : ''}`, message: '一次办理须为连续的承办、审核，最后一步可为决定（准予、不予或答复）' }])
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const [i, c] of chain.entries()) {
      await applyAction(trx, ctx, actor, id, c.action, { ...c.body, version: i === 0 ? version : undefined })
      // after the first (which locked the case and checked jurisdiction): the item version must allow it
      if (i === 0 && !(await repo.consecutiveStepsAllowed(trx, id))) throw errors.forbidden('该事项要求承办、审核、决定由不同人员分别办理，不能一次办理')
    }
  })
}
