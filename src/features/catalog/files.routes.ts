// Files for material samples: upload (staff, multipart), download (staff within their jurisdiction; public for
// samples in the guide) and delete an upload no version names.
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { IdParams } from '../../kernel/schemas.js'
import { errorResponses } from './items.routes.js'
import * as service from './files.service.js'
import { readOneFile } from '../../kernel/multipart.js'

export function sendFile(reply: FastifyReply, f: { name: string; mime: string; data: Buffer }, cache: string) {
  const ascii = f.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return reply.header('content-type', f.mime).header('cache-control', cache)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .send(f.data)
}

export function filesRoutes(app: App, ctx: AppContext): void {
  app.post('/api/files', {
    schema: {
      tags: ['catalog'], summary: '上传样表 upload a material sample (multipart, one file ≤ 5 MB: pdf/png/jpeg/docx/xlsx)',
      consumes: ['multipart/form-data'],
      querystring: Type.Object({ departmentId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })) }, { additionalProperties: false }),
      response: {
        201: Type.Object({ id: Type.Integer(), name: Type.String(), mime: Type.String(), size: Type.Integer(), centerId: Type.Integer(), departmentId: Type.Union([Type.Integer(), Type.Null()]) }),
        413: errorResponses[400], ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const actor = requirePermission(req, 'catalog.edit')
    return reply.code(201).send(await service.storeFile(ctx.db, actor, await readOneFile(req, { maxBytes: service.MAX_FILE_BYTES }), req.query.departmentId))
  })

  app.get('/api/files/:id', {
    schema: { tags: ['catalog'], summary: '下载样表 download a sample (staff, within their jurisdiction)', params: IdParams },
  }, async (req, reply) => {
    const f = await service.staffFile(ctx.db, requirePermission(req, 'catalog.read'), req.params.id)
    return sendFile(reply, f, 'private, no-store')
  })

  app.delete('/api/files/:id', {
    schema: { tags: ['catalog'], summary: '删除未使用的上传文件 delete an upload no item names', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await service.deleteUpload(ctx.db, requirePermission(req, 'catalog.edit'), req.params.id)
    return reply.code(204).send(null)
  })

  app.get('/api/public/files/:id', {
    schema: { tags: ['public'], summary: '下载样表 download a material sample of a published item', params: IdParams },
  }, async (req, reply) => sendFile(reply, await service.publicSample(ctx.db, req.params.id), 'public, max-age=300'))
}
