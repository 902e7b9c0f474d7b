// Excel routes of the catalog: template, export of published items, import (multipart .xlsx).
import { Type } from 'typebox'
import type { App, AppContext } from '../../../kernel/context.js'
import { requirePermission } from '../../../kernel/guards.js'
import { errorResponses } from '../items.routes.js'
import { readOneFile } from '../../../kernel/multipart.js'
import { MAX_FILE_BYTES } from '../files.service.js'
import * as service from './excel.service.js'
import { importCatalog } from './import.service.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const tags = ['catalog']
const attachment = (name: string) => `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`

export function excelRoutes(app: App, ctx: AppContext): void {
  app.get('/api/items/template.xlsx', {
    schema: { tags, summary: '导入模板 the import template (xlsx)' },
  }, async (req, reply) => {
    requirePermission(req, 'catalog.read')
    return reply.header('content-type', XLSX).header('content-disposition', attachment('事项导入模板.xlsx')).send(await service.template())
  })

  app.get('/api/items/export.xlsx', {
    schema: {
      tags, summary: '导出已发布事项 export published items in jurisdiction (xlsx)',
      querystring: Type.Object({ centerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })) }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    const buf = await service.exportPublished(ctx.db, requirePermission(req, 'catalog.read'), req.query.centerId)
    return reply.header('content-type', XLSX).header('content-disposition', attachment('事项清单.xlsx')).send(buf)
  })

  app.post('/api/items/import', {
    schema: {
      tags, summary: '导入事项 import items from xlsx (all rows checked first; nothing written on any error)',
      consumes: ['multipart/form-data'],
      response: { 200: Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() }), 413: errorResponses[400], ...errorResponses },
    },
  }, async (req) => {
    const actor = requirePermission(req, 'catalog.edit')
    return importCatalog(ctx.db, actor, (await readOneFile(req, { maxBytes: MAX_FILE_BYTES, what: '一个 .xlsx 文件' })).data)
  })
}
