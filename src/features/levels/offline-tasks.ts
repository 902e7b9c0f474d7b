// An offline intake the server refuses (the item retired or republished with other materials meanwhile, the standing
// proxy revoked, the requestId reused with another body, a receipt beyond the limit) is never lost: the body the device
// sent is kept as a task for the agent (shown on the device with the reason) and the town (a list), until the agent
// records it again (`offline.resolves`, resolved with the case in the intake's transaction) or it is given up (dropped
// with a reason, audited). The refusal itself still answers with its status and fields.
import { AppError, errors } from '../../domain/errors.js'
import { maskIdNumber } from '../../domain/id-number.js'
import { assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../kernel/context.js'
import { appendAudit } from '../audit/audit.repository.js'
import { intake, type IntakeBody } from '../cases/intake.service.js'
import * as repo from './offline-tasks.repository.js'

const KEPT = new Set(['invalid', 'forbidden', 'conflict', 'not_found'])
const STAFF = ['clerk', 'manager', 'supervisor', 'admin'] as const

/** The intake; an agent's offline intake refused becomes (or updates) a task before the refusal is answered. */
export async function intakeKeepingRefusals(ctx: AppContext, actor: Actor, body: IntakeBody) {
  try {
    return await intake(ctx, actor, body)
  } catch (e) {
    if (!(e instanceof AppError) || !KEPT.has(e.kind) || !body.offline || !actor.roles.includes('agent')) throw e
    await repo.upsertTask(ctx.db, {
      agentId: actor.userId, centerId: actor.centerId, requestId: body.requestId, offlineNumber: body.offline.offlineNumber,
      receivedAt: body.offline.receivedAt, body, reasonCode: e.code, reason: e.message, details: e.details, at: ctx.clock.now(),
    })
    throw e
  }
}

function taskOut(r: repo.TaskRow) {
  const { centerPath: _p, body, ...rest } = r
  const b = body as unknown as IntakeBody
  return {
    ...rest, state: r.resolvedAt ? r.resolution! : 'open' as const,
    intake: { itemId: b.itemId, applicantName: b.applicant?.name ?? '', applicantIdNumber: maskIdNumber(String(b.applicant?.idNumber ?? '')), proxyId: b.agency?.proxyId ?? null },
  }
}

export async function list(ctx: AppContext, actor: Actor, q: { open?: boolean; limit?: number }) {
  const staff = actor.roles.some((r) => (STAFF as readonly string[]).includes(r))
  if (!staff && !actor.roles.includes('agent')) throw errors.forbidden('只有代办员与乡镇、区县的工作人员可以查看离线待处理件')
  const rows = await repo.listTasks(ctx.db, { ...(staff ? { path: actor.centerPath } : { agentId: actor.userId }), open: q.open ?? true, limit: q.limit ?? 100 })
  return { tasks: rows.map(taskOut) }
}

/**
 * A disabled agent's phone still holds intakes (no session can send them): a clerk or manager of the town, signed in
 * on that phone, takes them over as the agent's tasks (reason `agent_disabled`), to record them at the window from the
 * paper. 409 while the account is active (the agent signs in and sends); each must be an offline intake.
 */
export async function adopt(ctx: AppContext, actor: Actor, input: { agent: string; intakes: IntakeBody[] }) {
  if (!actor.roles.some((r) => r === 'clerk' || r === 'manager')) throw errors.forbidden('只有乡镇窗口人员或管理人员可以收下停用代办员的离线受理')
  const agent = await repo.findAgent(ctx.db, input.agent)
  if (!agent || !agent.roles.includes('agent')) throw errors.validation([{ field: 'body.agent', message: '没有这个代办员账号' }])
  assertCovers(actor, agent.centerPath)
  if (agent.status === 'active') throw errors.conflict('agent_active', `${agent.name}的账号仍有效：请代办员登录后发送`)
  const problems = input.intakes.flatMap((b, i) => (b.offline ? [] : [{ field: `body.intakes.${i}.offline`, message: '不是离线受理' }]))
  if (problems.length) throw errors.validation(problems)
  const now = ctx.clock.now()
  const ids = await ctx.db.transaction().execute(async (trx) => {
    const ids: number[] = []
    for (const b of input.intakes) {
      const id = await repo.upsertTask(trx, {
        agentId: agent.id, centerId: agent.centerId, requestId: b.requestId, offlineNumber: b.offline!.offlineNumber, receivedAt: b.offline!.receivedAt, body: b,
        reasonCode: 'agent_disabled', reason: `代办员${agent.name}的账号已停用，由${actor.name}从手机上收下`, details: null, at: now,
      })
      if (id) ids.push(id)
    }
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'offline_task.adopt', entity: 'user', entityId: agent.id, data: { tasks: ids } })
    return ids
  })
  return { tasks: (await Promise.all(ids.map((id) => repo.findTask(ctx.db, id)))).map((r) => taskOut(r!)) }
}

/** Give the intake up (the villager withdrew, or it was recorded at the window instead): the agent's own, or staff over the room. */
export async function drop(ctx: AppContext, actor: Actor, id: number, reason: string) {
  const t = await repo.findTask(ctx.db, id)
  if (!t) throw errors.notFound('离线待处理件', id)
  if (t.agentId !== actor.userId) {
    if (!actor.roles.some((r) => r === 'clerk' || r === 'manager')) throw errors.forbidden('只有代办员本人或乡镇窗口可以处理此件')
    assertCovers(actor, t.centerPath)
  }
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.dropTask(trx, id, actor.userId, now, reason.trim()))) throw errors.conflict('task_resolved', '此件已处理')
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'offline_task.drop', entity: 'offline_intake_task', entityId: id, data: { reason } })
  })
  return taskOut((await repo.findTask(ctx.db, id))!)
}
