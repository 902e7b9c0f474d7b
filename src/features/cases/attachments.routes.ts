// Files kept with a case (issue 18): a joint (联办) extension past the legal 45 days is approved by the head of the
// 本级人民政府 and recorded by the lead department's head WITH that approval attached (行政许可法 §42 ¶2):
// POST /api/cases/:id/joint-extension (multipart: days, reason, version?, file) is the `extend` action with the file
// stored in its transaction; GET /api/cases/:id/attachments/:attachmentId for whoever may read the case.
import multipart from '@fastify/multipart'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { errors } from '../../domain/errors.js'
import { uploadError } from '../../kernel/multipart.js'
import { covers } from '../../domain/jurisdiction.js'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import { sendFile } from '../catalog/files.routes.js'
import { cleanFileName, detectMime, MAX_FILE_BYTES } from '../catalog/files.service.js'
import { performAction } from './actions.service.js'
import type { ActionBody } from './action-state.js'
import * as repo from './cases.repository.js'
import { Case } from './cases.schemas.js'
import { assertReader, getCaseRow } from './query.service.js'

const APPROVAL_MIMES = ['application/pdf', 'image/png', 'image/jpeg']

/** days, reason, version and the one file of the multipart body, each checked and named when wrong. */
async function readExtension(req: FastifyRequest): Promise<ActionBody> {
  if (!req.isMultipart()) throw errors.validation([{ field: 'body.file', message: '请用 multipart/form-data 上传批准文件' }])
  const fields: Record<string, string> = {}
  let file: { name: string; data: Buffer } | undefined
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') file = { name: cleanFileName(part.filename), data: await part.toBuffer() }
      else fields[part.fieldname] = String(part.value)
    }
  } catch (e) {
    throw uploadError(e)
  }
  const int = (key: string, max: number) => {
    const n = Number(fields[key])
    if (!/^\d+$/.test(fields[key] ?? '') || n < 1 || n > max) throw errors.validation([{ field: `body.${key}`, message: `须为 1–${max} 的整数` }])
    return n
  }
  const reason = fields.reason?.trim()
  if (!reason || reason.length > 1000) throw errors.validation([{ field: 'body.reason', message: '请写明延期理由（1000 字以内）' }])
  if (!file) throw errors.validation([{ field: 'body.file', message: '请上传本级人民政府负责人的批准文件' }])
  const mime = detectMime(file.name, file.data)
  if (!mime || !APPROVAL_MIMES.includes(mime)) throw errors.validation([{ field: 'body.file', message: '批准文件须为 PDF、PNG 或 JPEG' }])
  return {
    days: int('days', 365), reason, ...(fields.version !== undefined ? { version: int('version', 2147483647) } : {}),
    attachment: { name: file.name, mime, data: file.data },
  }
}

export function attachmentsRoutes(app: App, ctx: AppContext): void {
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, parts: 6 } })
    const s = scope as unknown as App
    s.post('/api/cases/:id/joint-extension', {
      schema: {
        tags: ['cases'], summary: '联办延期 record a joint extension approved by the government head, the approval attached (multipart: days, reason, version?, file)',
        consumes: ['multipart/form-data'], params: IdParams,
        response: { 200: Case, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse },
      },
    }, async (req) => {
      const actor = requireActor(req)
      assertReader(actor)
      await performAction(ctx, actor, req.params.id, 'extend', await readExtension(req))
      return getCaseRow(ctx, actor, req.params.id)
    })
  })

  app.get('/api/cases/:id/attachments/:attachmentId', {
    schema: {
      tags: ['cases'], summary: '办件附件 a file kept with the case (whoever may read the case)',
      params: Type.Object({ id: IdParams.properties.id, attachmentId: IdParams.properties.id }),
    },
  }, async (req, reply) => {
    const actor = requireActor(req)
    assertReader(actor)
    const row = await repo.findCase(ctx.db, req.params.id)
    if (!row) throw errors.notFound('办件', req.params.id)
    if (!covers(actor.centerPath, row.originPath)) throw errors.outsideJurisdiction()
    const f = await repo.findAttachment(ctx.db, row.id, req.params.attachmentId)
    if (!f) throw errors.notFound('附件', req.params.attachmentId)
    return sendFile(reply, f, 'private, no-store')
  })
}
