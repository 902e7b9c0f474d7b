// Staff route of offerings: which centers accept an item.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { IdParams } from '../../kernel/schemas.js'
import { errorResponses } from './items.routes.js'
import { OfferingOut, OfferingsBody } from './items.schemas.js'
import * as service from './offerings.service.js'

export function offeringsRoutes(app: App, ctx: AppContext): void {
  app.put('/api/items/:id/offerings', {
    schema: {
      tags: ['catalog'], summary: '受理中心 set the centers that accept an item', params: IdParams, body: OfferingsBody,
      response: { 200: Type.Object({ offerings: Type.Array(OfferingOut) }), ...errorResponses },
    },
  }, async (req) => service.setOfferings(ctx.db, requirePermission(req, 'catalog.edit'), req.params.id, req.body.centerIds))
}
