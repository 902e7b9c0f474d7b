// 委托登记 routes: register (multipart: a `data` field of JSON, then the photo or scan of the signed 委托书 as `file`),
// list, read with its uses, view the document (audited), revoke.
import multipart from '@fastify/multipart'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type, type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import { errors } from '../../domain/errors.js'
import { uploadError } from '../../kernel/multipart.js'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import * as service from './proxies.service.js'

const tags = ['proxies']
const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))
const DateTime = Type.Unsafe<Date>({ type: 'string', format: 'date-time' })
const Id = IdParams.properties.id
const Str = (max: number) => Type.String({ minLength: 1, maxLength: max })
const Input = Type.Object({
  principal: Type.Object({ name: Str(100), idNumber: Type.String({ minLength: 18, maxLength: 18, pattern: '^[0-9]{17}[0-9Xx]$' }), phone: Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' }) }, { additionalProperties: false }),
  proxy: Type.Object({
    name: Str(100), idNumber: Type.Optional(Type.String({ minLength: 18, maxLength: 18, pattern: '^[0-9]{17}[0-9Xx]$' })), userId: Type.Optional(Id),
    self: Type.Optional(Type.Literal(true, { description: 'the registering agent is the proxy (instead of userId)' })),
  }, { additionalProperties: false }),
  centerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'the village room the villager belongs to (default: the actor\'s own center)' })),
  scope: Type.Union([Type.Literal('all'), Type.Literal('items')]),
  itemIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  validUntil: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
}, { additionalProperties: false })
const checkInput = Compile(Input)
const Proxy = Type.Object({
  id: Type.Integer(), centerId: Type.Integer(), centerName: Type.String(), principalName: Type.String(), principalIdNumber: Type.String(),
  principalPhone: Type.String(), proxyName: Type.String(), proxyUserId: Type.Union([Type.Integer(), Type.Null()]), scope: Type.String(),
  itemIds: Type.Array(Type.Integer()), itemNames: Type.Array(Type.Union([Type.String(), Type.Null()])), validUntil: Type.String(), documentMime: Type.String(), documentSha256: Type.String(),
  createdAt: DateTime, revokedAt: Type.Union([DateTime, Type.Null()]), revokeReason: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked')]),
}, { title: 'Proxy' })
const ProxyDetail = Type.Intersect([Proxy, Type.Object({ uses: Type.Array(Type.Object({ caseId: Type.Integer(), number: Type.String(), itemName: Type.String(), at: DateTime }, { title: 'ProxyUse' })) })], { title: 'ProxyDetail' })

async function readForm(req: FastifyRequest, maxBytes: number) {
  if (!req.isMultipart()) throw errors.validation([{ field: 'body', message: '请用 multipart/form-data 提交 data 与 file' }])
  let data: unknown
  let file: { fileName: string; mimetype: string; data: Buffer } | undefined
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type === 'file') file = { fileName: part.filename, mimetype: part.mimetype, data: await part.toBuffer() }
      else if (part.fieldname === 'data') data = JSON.parse(String(part.value))
    }
  } catch (e) {
    throw uploadError(e, `委托书文件不得超过 ${Math.round(maxBytes / 1024 / 1024)} MB`, (m) => ({ field: 'body.data', message: `无法读取提交的内容 (${m.slice(0, 100)})` }))
  }
  if (!file) throw errors.validation([{ field: 'body.file', message: '缺少委托书的照片或扫描件' }])
  if (!checkInput.Check(data)) {
    throw errors.validation([...checkInput.Errors(data)].slice(0, 10).map((e) => ({ field: `body.data${e.instancePath.replace(/\//g, '.')}`, message: e.message })))
  }
  return { input: data as Static<typeof Input>, file }
}

export function proxiesRoutes(app: App, ctx: AppContext): void {
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: ctx.config.materials.fileBytes, files: 1, fields: 3, parts: 4 } })
    ;(scope as unknown as App).post('/api/proxies', {
      schema: { tags, summary: '委托登记 register a standing proxy (multipart: data = JSON, file = the signed 委托书)', consumes: ['multipart/form-data'], response: { 201: Proxy, ...errorsFor(400, 401, 403, 413) } },
    }, async (req, reply) => {
      const actor = requireActor(req)
      const { input, file } = await readForm(req, ctx.config.materials.fileBytes)
      return reply.code(201).send(await service.register(ctx, actor, input, file))
    })
  })

  app.get('/api/proxies', {
    schema: {
      tags, summary: '委托登记列表 the standing proxies of the rooms in my jurisdiction (ID numbers masked)',
      querystring: Type.Object({ active: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ proxies: Type.Array(Proxy) }), ...errorsFor(400, 401, 403) },
    },
  }, async (req) => service.list(ctx, requireActor(req), req.query))

  app.get('/api/proxies/:id', {
    schema: { tags, summary: '委托登记 one standing proxy with the cases that used it', params: IdParams, response: { 200: ProxyDetail, ...errorsFor(401, 403, 404) } },
  }, async (req) => service.get(ctx, requireActor(req), req.params.id))

  app.get('/api/proxies/:id/document', {
    schema: { tags, summary: '委托书 the photo or scan of the signed authorisation (each view audited)', params: IdParams, response: errorsFor(401, 403, 404) },
  }, async (req, reply) => {
    const d = await service.document(ctx, requireActor(req), req.params.id)
    return (reply as FastifyReply).header('content-type', d.mime).header('cache-control', 'private, no-store').header('content-disposition', `inline; filename="${d.name}"`).send(d.data)
  })

  app.post('/api/proxies/:id/revoke', {
    schema: {
      tags, summary: '撤销委托 revoke a standing proxy (at the villager\'s request or by staff)', params: IdParams,
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 200: ProxyDetail, ...errorsFor(400, 401, 403, 404, 409) },
    },
  }, async (req) => service.revoke(ctx, requireActor(req), req.params.id, req.body.reason))
}
