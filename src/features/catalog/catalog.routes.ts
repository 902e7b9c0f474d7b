// The catalog feature (issue 3): items, versions, offerings, sample files and Excel, in one plugin scope so
// that @fastify/multipart only parses uploads for these routes.
import multipart from '@fastify/multipart'
import type { App, AppContext } from '../../kernel/context.js'
import { excelRoutes } from './excel/excel.routes.js'
import { MAX_FILE_BYTES } from './files.service.js'
import { filesRoutes } from './files.routes.js'
import { itemsRoutes } from './items.routes.js'
import { offeringsRoutes } from './offerings.routes.js'
import { versionsRoutes } from './versions.routes.js'

export function catalogRoutes(app: App, ctx: AppContext): void {
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10, parts: 20 } })
    const s = scope as unknown as App
    itemsRoutes(s, ctx)
    versionsRoutes(s, ctx)
    offeringsRoutes(s, ctx)
    filesRoutes(s, ctx)
    excelRoutes(s, ctx)
  })
}
