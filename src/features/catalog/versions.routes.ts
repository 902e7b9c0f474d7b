// Staff routes of versions: save the draft, publish it, discard it.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { IdParams } from '../../kernel/schemas.js'
import { errorResponses } from './items.routes.js'
import { DraftBody, ItemDetail, VersionOut } from './items.schemas.js'
import * as service from './versions.service.js'

const tags = ['catalog']

export function versionsRoutes(app: App, ctx: AppContext): void {
  app.put('/api/items/:id/draft', {
    schema: {
      tags, summary: '保存草稿 save the draft (a published item gets a new draft version)', params: IdParams, body: DraftBody,
      response: { 200: VersionOut, ...errorResponses },
    },
  }, async (req) => service.saveDraft(ctx.db, requirePermission(req, 'catalog.edit'), req.params.id, req.body))

  app.delete('/api/items/:id/draft', {
    schema: {
      tags, summary: '放弃草稿 discard the draft (an item never published is deleted)', params: IdParams,
      response: { 200: Type.Object({ discardedVersion: Type.Integer(), itemDeleted: Type.Boolean() }), ...errorResponses },
    },
  }, async (req) => service.discardDraft(ctx.db, requirePermission(req, 'catalog.edit'), req.params.id))

  app.post('/api/items/:id/publish', {
    schema: {
      tags, summary: '发布 publish the draft (the published version is superseded)', params: IdParams,
      description: 'The catalog check against the law: a draft whose unit, extension rule, deciding body or outcome wording does not fit its 事项类型 → 409 catalog_check naming each field, unless `reason` (written reason, kept with the version) is given.',
      body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false })),
      response: { 200: ItemDetail, ...errorResponses },
    },
  }, async (req) => service.publish(ctx.db, requirePermission(req, 'catalog.publish'), req.params.id, req.body?.reason))
}
