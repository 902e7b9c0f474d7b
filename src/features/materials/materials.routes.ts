// Electronic materials of a case (issue 20): POST a photo or scan (multipart, one file), list, view, thumbnail, and
// mark one seen on the original paper. In a plugin scope of their own so multipart parsing stays here.
import multipart from '@fastify/multipart'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { readOneFile } from '../../kernel/multipart.js'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import * as service from './materials.service.js'

const tags = ['materials']
const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))
const DateTime = Type.Unsafe<Date>({ type: 'string', format: 'date-time' })
const Nullable = <T extends ReturnType<typeof Type.String | typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()])
export const CaseFile = Type.Object({
  id: Type.Integer(), caseId: Type.Integer(), caseMaterialId: Nullable(Type.Integer()), name: Type.String(), mime: Type.String(),
  size: Type.Integer(), sha256: Type.String(), width: Nullable(Type.Integer()), height: Nullable(Type.Integer()),
  centerId: Type.Integer(), centerName: Type.String(), uploadedAt: DateTime, uploadedBy: Type.String(), hasThumb: Type.Boolean(),
  seenOnPaperAt: Type.Union([DateTime, Type.Null()]), seenOnPaperBy: Nullable(Type.String()),
}, { title: 'CaseFile' })
const FileParams = Type.Object({ id: IdParams.properties.id, fileId: IdParams.properties.id })

function send(reply: FastifyReply, f: { name: string; mime: string; data: Buffer }) {
  const ascii = f.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return reply.header('content-type', f.mime).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff')
    .header('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`).send(f.data)
}

export function materialsRoutes(app: App, ctx: AppContext): void {
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: ctx.config.materials.fileBytes, files: 1, fields: 5, parts: 6 } })
    const s = scope as unknown as App
    s.post('/api/cases/:id/files', {
      schema: {
        tags, summary: '上传电子材料 attach a photo or scan (JPEG, PNG, PDF; multipart, one file) to a case; the same bytes again → 200 with the stored file',
        consumes: ['multipart/form-data'], params: IdParams,
        querystring: Type.Object({ caseMaterialId: Type.Optional(IdParams.properties.id) }, { additionalProperties: false }),
        response: { 200: CaseFile, 201: CaseFile, ...errorsFor(400, 401, 403, 404, 409, 413) },
      },
    }, async (req, reply) => {
      const actor = requireActor(req)
      const r = await service.upload(ctx, actor, req.params.id, await readOneFile(req, { maxBytes: ctx.config.materials.fileBytes, tooLarge: `单个文件不得超过 ${Math.round(ctx.config.materials.fileBytes / 1024 / 1024)} MB` }), req.query.caseMaterialId)
      return reply.code(r.created ? 201 : 200).send(r.file)
    })
  })

  app.get('/api/cases/:id/files', {
    schema: { tags, summary: '电子材料 the photos and scans of a case (no bytes)', params: IdParams, response: { 200: Type.Object({ files: Type.Array(CaseFile) }), ...errorsFor(401, 403, 404) } },
  }, async (req) => service.list(ctx, requireActor(req), req.params.id))

  app.get('/api/cases/:id/files/:fileId', {
    schema: { tags, summary: '查看电子材料 the stored file (each view audited)', params: FileParams, response: errorsFor(401, 403, 404) },
  }, async (req, reply) => send(reply, await service.view(ctx, requireActor(req), req.params.id, req.params.fileId, 'data')))

  app.get('/api/cases/:id/files/:fileId/thumb', {
    schema: { tags, summary: '缩略图 a 320 px JPEG of an image (each view audited)', params: FileParams, response: errorsFor(401, 403, 404) },
  }, async (req, reply) => send(reply, await service.view(ctx, requireActor(req), req.params.id, req.params.fileId, 'thumb')))

  app.post('/api/cases/:id/files/:fileId/seen-on-paper', {
    schema: { tags, summary: '已核对原件 mark a file as seen on the original paper (at the center holding the case)', params: FileParams, response: { 200: CaseFile, ...errorsFor(401, 403, 404) } },
  }, async (req) => service.markSeenOnPaper(ctx, requireActor(req), req.params.id, req.params.fileId))
}
