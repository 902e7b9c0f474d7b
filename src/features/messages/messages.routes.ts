// Messages to applicants: the staff's page of what was sent (phones masked, each attempt), and the Chinese templates
// an administrator edits. The outbox itself is written by the case event's own transaction (migration 0020).
import { Type } from 'typebox'
import { errors } from '../../domain/errors.js'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { ErrorResponse } from '../../kernel/schemas.js'
import { appendAudit } from '../audit/audit.repository.js'
import { maskPhone } from '../cases/cases.view.js'
import { assertReader } from '../cases/query.service.js'
import { Id } from '../network/network.shared.js'
import { DIGEST_PLACEHOLDERS } from './digest.js'
import * as repo from './messages.repository.js'

const tags = ['messages']
const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))
const Time = Type.Unsafe<Date>({ type: 'string', format: 'date-time' })
const NullableTime = Type.Unsafe<Date | null>({ type: 'string', format: 'date-time', nullable: true })
export const PLACEHOLDERS = ['number', 'code', 'item', 'center', 'due', 'note'] as const
const Template = Type.Object({ key: Type.String(), body: Type.String(), enabled: Type.Boolean(), updatedAt: NullableTime }, { title: 'MessageTemplate' })

/** Placeholders the trigger (or, for the managers' digest, the digest) fills; any other {name} would reach the reader as typed. */
export function unknownPlaceholders(body: string, key = ''): string[] {
  const known: readonly string[] = placeholdersOf(key)
  return [...body.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((n) => !known.includes(n))
}

const placeholdersOf = (key: string): readonly string[] => (key === 'digest' ? DIGEST_PLACEHOLDERS : PLACEHOLDERS)

export function messagesRoutes(app: App, ctx: AppContext): void {
  app.get('/api/messages', {
    schema: {
      tags, summary: '短信记录 messages to applicants in my jurisdiction, newest first, with each send attempt (phones masked)',
      querystring: Type.Object({
        caseId: Type.Optional(Id), status: Type.Optional(Type.Enum(['pending', 'sent', 'failed'])),
        cursor: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9]+$' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          messages: Type.Array(Type.Object({
            id: Type.Integer(), caseId: Type.Integer(), number: Type.String(), templateKey: Type.String(), phone: Type.String(), body: Type.String(),
            status: Type.String(), attempts: Type.Integer(), createdAt: Time, sentAt: NullableTime, lastError: Type.Union([Type.String(), Type.Null()]),
            attemptLog: Type.Array(Type.Object({
              at: Time, ok: Type.Boolean(), sender: Type.String(), worker: Type.String(), error: Type.Union([Type.String(), Type.Null()]),
              receipt: Type.Union([Type.String(), Type.Null()], { description: '服务商回执 the provider\'s id of the accepted message (Alibaba BizId, Tencent SerialNo)' }), throttled: Type.Boolean(),
            })),
          })),
          nextCursor: Type.Union([Type.String(), Type.Null()]),
        }),
        ...errorsFor(400, 401, 403),
      },
    },
  }, async (req) => {
    const actor = requireActor(req)
    assertReader(actor)
    const limit = req.query.limit ?? 50
    const rows = await repo.listMessages(ctx.db, { scopePath: actor.centerPath, caseId: req.query.caseId, status: req.query.status, cursor: req.query.cursor ? Number(req.query.cursor) : undefined, limit })
    const attempts = await repo.listAttempts(ctx.db, rows.map((r) => r.id))
    return {
      messages: rows.map((r) => ({
        ...r, phone: maskPhone(r.phone),
        attemptLog: attempts.filter((a) => a.messageId === r.id).map(({ messageId: _, ...a }) => a),
      })),
      nextCursor: rows.length === limit ? String(rows[rows.length - 1].id) : null,
    }
  })

  app.get('/api/message-templates', {
    schema: { tags, summary: '短信模板 the message templates', response: { 200: Type.Object({ templates: Type.Array(Template), placeholders: Type.Array(Type.String()), digestPlaceholders: Type.Array(Type.String()) }), ...errorsFor(401, 403) } },
  }, async (req) => {
    const actor = requireActor(req)
    if (!actor.roles.some((r) => r === 'admin' || r === 'manager')) throw errors.forbidden('只有管理人员和系统管理员查看短信模板')
    return { templates: await repo.listTemplates(ctx.db), placeholders: [...PLACEHOLDERS], digestPlaceholders: [...DIGEST_PLACEHOLDERS] }
  })

  app.put('/api/message-templates/:key', {
    schema: {
      tags, summary: '修改短信模板 edit a template (placeholders: {number} {code} {item} {center} {due} {note}; the digest: {date} {center} {yellow} {red} {notices} {late} {open})',
      params: Type.Object({ key: Type.String({ pattern: '^[a-z_]{1,40}$' }) }),
      body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 500 }), enabled: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: Template, ...errorsFor(400, 401, 403, 404) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    if (!actor.roles.includes('admin')) throw errors.forbidden('只有系统管理员修改短信模板')
    const bad = unknownPlaceholders(req.body.body, req.params.key)
    if (bad.length) throw errors.validation([{ field: 'body.body', message: `未知的占位符: ${bad.map((b) => `{${b}}`).join(' ')}；可用: ${placeholdersOf(req.params.key).map((p) => `{${p}}`).join(' ')}` }])
    if (!req.body.body.trim()) throw errors.validation([{ field: 'body.body', message: '模板不能为空' }])
    return ctx.db.transaction().execute(async (trx) => {
      const t = await repo.updateTemplate(trx, req.params.key, req.body, actor.userId, ctx.clock.now())
      if (!t) throw errors.notFound('短信模板', req.params.key)
      await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'message_template.update', entity: 'message_template', entityId: req.params.key, data: { ...req.body } })
      return t
    })
  })
}
