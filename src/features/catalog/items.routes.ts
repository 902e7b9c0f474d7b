// Staff routes of the catalog: list, read, create and retire items, and the 地方事项 mark.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import { CreateItemBody, ItemDetail, ItemListQuery, ItemListResponse } from './items.schemas.js'
import * as service from './items.service.js'

export const errorResponses = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse }
const tags = ['catalog']

export function itemsRoutes(app: App, ctx: AppContext): void {
  app.get('/api/items', {
    schema: { tags, summary: '事项清单 list items in jurisdiction', querystring: ItemListQuery, response: { 200: ItemListResponse, ...errorResponses } },
  }, async (req) => service.listItems(ctx.db, requirePermission(req, 'catalog.read'), req.query))

  app.get('/api/items/:id', {
    schema: { tags, summary: '事项详情 item with its versions', params: IdParams, response: { 200: ItemDetail, ...errorResponses } },
  }, async (req) => service.getItem(ctx.db, requirePermission(req, 'catalog.read'), req.params.id))

  app.post('/api/items', {
    schema: { tags, summary: '新建事项 create an item (version 1, draft)', body: CreateItemBody, response: { 201: ItemDetail, ...errorResponses } },
  }, async (req, reply) => {
    const item = await service.createItem(ctx.db, requirePermission(req, 'catalog.edit'), req.body)
    return reply.code(201).send(item)
  })

  app.post('/api/items/:id/retire', {
    schema: { tags, summary: '停用事项 retire an item (leaves the public guide; needs catalog.publish)', params: IdParams, response: { 200: ItemDetail, ...errorResponses } },
  }, async (req) => service.retireItem(ctx.db, requirePermission(req, 'catalog.publish'), req.params.id))

  app.put('/api/items/:id/local-code', {
    schema: {
      tags, summary: '设为或取消地方事项 mark an item as local (codes not checked) or national (administrators only)', params: IdParams,
      body: Type.Object({ localCode: Type.Boolean() }, { additionalProperties: false }), response: { 200: ItemDetail, ...errorResponses },
    },
  }, async (req) => service.setLocalCode(ctx.db, requirePermission(req, 'catalog.edit'), req.params.id, req.body.localCode))
}
