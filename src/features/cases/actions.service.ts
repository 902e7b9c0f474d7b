// POST /api/cases/:id/actions/:action: one transaction that locks the case (NOWAIT: a concurrent actor gets 409),
// checks jurisdiction, role and status against the one table, applies the action, writes and appends the event.
import type { Calendar } from '../../domain/calendar.js'
import { assertAction, CASE_ACTION_NAMES, type ActionContext, type CaseAction, type CaseStatus } from '../../domain/case-status.js'
import { chinaDate } from '../../domain/clock.js'
import { errors } from '../../domain/errors.js'
import { covers, type Actor } from '../../domain/jurisdiction.js'
import { deciderBlock } from '../../domain/legal-rules.js'
import type { Db } from '../../db/database.js'
import type { AppContext } from '../../server/app.js'
import { calendarCache } from '../calendar/calendar.service.js'
import { HANDLERS, type ActionBody, type Handled } from './action-handlers.js'
import * as repo from './cases.repository.js'
import * as items from './intake.repository.js'
import { precheck, withLevels } from '../levels/levels.handlers.js'

const ALL_HANDLERS = withLevels(HANDLERS)

/** Everything a handler needs about the case and the actor, loaded under the lock. */
export interface ActionState {
  trx: Db
  cal: Calendar
  actor: Actor
  actorDepartmentId: number | null
  row: repo.CaseRow
  steps: repo.StepRow[]
  pauses: Awaited<ReturnType<typeof repo.listPauses>>
  myOpenSteps: repo.StepRow[]
  now: Date
  today: string
}

/** Open steps this actor may work on: in their jurisdiction and, when they belong to a department, of that department. */
export function openStepsFor(actor: Pick<Actor, 'centerPath'>, actorDepartmentId: number | null, steps: readonly repo.StepRow[]) {
  return steps.filter((s) => s.doneAt === null && covers(actor.centerPath, s.centerPath) &&
    (actorDepartmentId === null || s.departmentId === null || s.departmentId === actorDepartmentId))
}

export function actionContext(row: repo.CaseRow, myOpen: readonly repo.StepRow[], pendingExtension: boolean): ActionContext {
  return {
    handlingKind: row.handlingKind, paused: row.pausedSince !== null, delivered: row.delivery !== null,
    pendingExtension, myOpenSteps: myOpen.map((s) => s.kind),
  }
}

/** The actions with a handler in this build (the table also names 上报 and agency actions, built in the next issue). */
export const IMPLEMENTED: readonly CaseAction[] = CASE_ACTION_NAMES.filter((a) => ALL_HANDLERS[a] !== undefined)

export async function loadState(trx: Db, ctx: AppContext, actor: Actor, id: number, lock: boolean): Promise<ActionState & { pendingExtension: boolean }> {
  const row = await (lock ? repo.lockCase(trx, id) : repo.findCase(trx, id))
  if (!row) throw errors.notFound('办件', id)
  if (!covers(actor.centerPath, row.originPath)) throw errors.outsideJurisdiction()
  const [cal, steps, pauses, pending, actorDepartmentId] = await Promise.all([
    calendarCache(ctx).get(), repo.listSteps(trx, id), repo.listPauses(trx, id), repo.hasPendingExtension(trx, id),
    items.userDepartment(trx, actor.userId),
  ])
  const now = ctx.clock.now()
  return {
    trx, cal, actor, actorDepartmentId, row, steps, pauses, now, today: chinaDate(now), pendingExtension: pending !== undefined,
    myOpenSteps: openStepsFor(actor, actorDepartmentId, steps),
  }
}

/** The law's word on who decides (legal-rules.deciderBlock): 403 when this actor may not take the action for this department. */
async function assertDecider(s: ActionState, action: CaseAction): Promise<void> {
  if (!DECIDER_ACTIONS.includes(action)) return
  const why = deciderBlock(action, await deciderContext(s))
  if (why) throw errors.forbidden(why)
}

export const DECIDER_ACTIONS: readonly CaseAction[] = ['extend', 'refuse']

export async function deciderContext(s: Pick<ActionState, 'trx' | 'actor' | 'actorDepartmentId' | 'row'>, dept?: { windowMayRefuse: boolean }) {
  const d = dept ?? await items.findDecidingDepartment(s.trx, s.row.departmentId)
  return { roles: s.actor.roles, actorDepartmentId: s.actorDepartmentId, caseDepartmentId: s.row.departmentId, windowMayRefuse: d.windowMayRefuse }
}

export async function performAction(ctx: AppContext, actor: Actor & { windowId: number | null }, id: number, action: CaseAction, body: ActionBody) {
  const handler = ALL_HANDLERS[action]
  await ctx.db.transaction().execute(async (trx) => {
    const state = await loadState(trx, ctx, actor, id, true)
    const { row } = state
    if (body.version !== undefined && body.version !== row.version) {
      throw errors.conflict('stale_case', '办件已被他人更新，请刷新后再办理', { version: row.version })
    }
    precheck(state, action)
    const to = assertAction(row.status, actor.roles, actionContext(row, state.myOpenSteps, state.pendingExtension), action)
    if (!handler) throw errors.conflict('action_not_available', `${action} 尚未开通`, { action })
    await assertDecider(state, action)
    const done: Handled = await handler(state, body)
    const next: CaseStatus = to ?? row.status
    await repo.updateCase(trx, id, { status: next, ...done.patch }, state.now)
    await repo.appendEvents(trx, [{
      caseId: id, at: state.now, actorId: actor.userId, centerId: done.centerId ?? actor.centerId,
      windowId: actor.windowId, action, from: row.status, to: next, note: done.note, data: done.data,
    }])
  })
}
