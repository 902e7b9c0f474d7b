// Contract: Public (no login). GET /api/public/items, /api/public/items/:id, /api/public/departments, /api/public/themes,
// each with an ETag of its generation and 304 to If-None-Match.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { notModified, sendCached, serializeWith } from '../../kernel/public-cache.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import { PublicDepartment, PublicItemDetail, PublicItemList, PublicItemsQuery, ThemeCount } from './public-items.schemas.js'
import * as service from './public-items.service.js'

const tags = ['public']
const CenterQuery = Type.Object({ centerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })) }, { additionalProperties: false })

export function publicItemsRoutes(app: App, ctx: AppContext): void {
  app.get('/api/public/items', {
    schema: {
      tags, summary: '办事指南搜索 search published items (name, code, pinyin initials)', querystring: PublicItemsQuery,
      response: { 200: PublicItemList, 400: ErrorResponse },
    },
  }, async (req, reply) => notModified(req, reply, await service.catalogEtag(ctx.db, ctx.bus)) ?? service.search(ctx.db, ctx.bus, req.query))

  app.get('/api/public/items/:id', {
    schema: {
      tags, summary: '办事指南 the public guide of a published item', params: IdParams,
      response: { 200: PublicItemDetail, 400: ErrorResponse, 404: ErrorResponse },
    },
  }, async (req, reply) => sendCached(req, reply, await service.guidePage(ctx.db, ctx.bus, req.params.id, (etag, v) => serializeWith(reply, etag, v))))

  app.get('/api/public/departments', {
    schema: { tags, summary: '部门 departments with published item counts', querystring: CenterQuery, response: { 200: Type.Object({ departments: Type.Array(PublicDepartment) }), 400: ErrorResponse } },
  }, async (req, reply) => sendCached(req, reply, await service.countsPage(ctx.db, ctx.bus, 'departments', req.query.centerId, (etag, v) => serializeWith(reply, etag, v))))

  app.get('/api/public/themes', {
    schema: { tags, summary: '主题 themes with published item counts', querystring: CenterQuery, response: { 200: Type.Object({ themes: Type.Array(ThemeCount) }), 400: ErrorResponse } },
  }, async (req, reply) => sendCached(req, reply, await service.countsPage(ctx.db, ctx.bus, 'themes', req.query.centerId, (etag, v) => serializeWith(reply, etag, v))))
}
