// 电话告知: when a message to an applicant finally fails (the provider refused it, or every retry failed), the case's
// village agent or intake window sees a task to phone the applicant, and marks it done with a note.
import { Type } from 'typebox'
import { errors } from '../../domain/errors.js'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { ErrorResponse } from '../../kernel/schemas.js'
import { appendAudit } from '../audit/audit.repository.js'
import { Id } from '../network/network.shared.js'
import * as repo from './phone-tasks.repository.js'

const tags = ['messages']
const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))
const Time = Type.Unsafe<Date>({ type: 'string', format: 'date-time' })
const NullableTime = Type.Unsafe<Date | null>({ type: 'string', format: 'date-time', nullable: true })
const NullableString = Type.Union([Type.String(), Type.Null()])
const PhoneTask = Type.Object({
  id: Type.Integer(), caseId: Type.Integer(), number: Type.String(), itemName: Type.String(), applicantName: Type.String(),
  phone: Type.String({ description: '申请人电话 (unmasked: the assignee phones it)' }), templateKey: Type.String(), body: Type.String(),
  lastError: NullableString, status: Type.String(), createdAt: Time, doneAt: NullableTime, doneByName: NullableString, note: Type.String(),
  agentName: NullableString, windowName: NullableString,
}, { title: 'PhoneTask' })

export function phoneTasksRoutes(app: App, ctx: AppContext): void {
  app.get('/api/phone-tasks', {
    schema: {
      tags, summary: '电话告知任务 messages that could not be sent, for the case\'s agent or window to phone the applicant',
      querystring: Type.Object({ status: Type.Optional(Type.Enum(['open', 'done'])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ tasks: Type.Array(PhoneTask) }), ...errorsFor(400, 401) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    return { tasks: await repo.listPhoneTasks(ctx.db, actor, req.query.status ?? 'open', req.query.limit ?? 50) }
  })

  app.post('/api/phone-tasks/:id/done', {
    schema: {
      tags, summary: '已电话告知 mark a phone task done, with what was said',
      params: Type.Object({ id: Id }), body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: PhoneTask, ...errorsFor(400, 401, 403, 404, 409) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    const note = req.body.note.trim()
    if (!note) throw errors.validation([{ field: 'body.note', message: '请写明告知的结果' }])
    await ctx.db.transaction().execute(async (trx) => {
      const task = await repo.lockPhoneTask(trx, req.params.id, actor)
      if (!task) {
        if (await repo.findPhoneTask(trx, req.params.id)) throw errors.forbidden('这条电话告知任务不是本人或本窗口的')
        throw errors.notFound('电话告知任务', req.params.id)
      }
      if (task.status === 'done') throw errors.conflict('already_done', '这条电话告知任务已经完成')
      await repo.markPhoneTaskDone(trx, task.id, actor.userId, ctx.clock.now(), note)
      await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'phone_task.done', entity: 'case', entityId: task.caseId, data: { taskId: task.id, note } })
    })
    return repo.getPhoneTask(ctx.db, actor, req.params.id)
  })
}
