// Every feature's routes, registered in one place.
import { bundlesRoutes } from '../features/bundles/bundles.routes.js'
import { phoneTasksRoutes } from '../features/messages/phone-tasks.routes.js'
import type { App, AppContext } from '../kernel/context.js'
import { sessionRoutes } from '../features/session/session.routes.js'
import { catalogRoutes } from '../features/catalog/catalog.routes.js'
import { publicItemsRoutes } from '../features/public-items/public-items.routes.js'
import { networkRoutes } from '../features/network/network.routes.js'
import { calendarRoutes } from '../features/calendar/calendar.routes.js'
import { casesRoutes } from '../features/cases/cases.routes.js'
import { recomputeOpenCases } from '../features/cases/recompute.js'
import { progressRoutes } from '../features/progress/progress.routes.js'
import { levelsRoutes } from '../features/levels/levels.routes.js'
import { messagesRoutes } from '../features/messages/messages.routes.js'
import { reportsRoutes } from '../features/reports/reports.routes.js'
import { consultationsRoutes } from '../features/ratings/consultations.routes.js'
import { ratingsRoutes } from '../features/ratings/ratings.routes.js'
import { supervisionRoutes } from '../features/supervision/supervision.routes.js'
import { hallRoutes } from '../features/hall/hall.routes.js'
import { securityRoutes } from '../features/security/security.routes.js'
import { statisticsRoutes } from '../features/statistics/statistics.routes.js'
import { exchangeRoutes } from '../features/exchange/exchange.routes.js'
import { materialsRoutes } from '../features/materials/materials.routes.js'
import { proxiesRoutes } from '../features/proxies/proxies.routes.js'
import { plugProxies } from '../features/proxies/proxies.plug.js'
import { plugLevels } from '../features/levels/levels.plug.js'
import { offlineTasksRoutes } from '../features/levels/offline-tasks.routes.js'
import { intakeKeepingRefusals } from '../features/levels/offline-tasks.js'

export function registerFeatureRoutes(app: App, ctx: AppContext): void {
  // The features built on cases plug into it (src/features/cases/extensions.ts): cases imports none of them.
  plugLevels()
  plugProxies()
  sessionRoutes(app, ctx)
  catalogRoutes(app, ctx)
  publicItemsRoutes(app, ctx)
  networkRoutes(app, ctx)
  calendarRoutes(app, ctx, { recomputeOpenCases })
  casesRoutes(app, ctx, { intake: intakeKeepingRefusals })
  progressRoutes(app, ctx)
  levelsRoutes(app, ctx)
  messagesRoutes(app, ctx)
  phoneTasksRoutes(app, ctx)
  reportsRoutes(app, ctx)
  ratingsRoutes(app, ctx)
  consultationsRoutes(app, ctx)
  supervisionRoutes(app, ctx)
  hallRoutes(app, ctx)
  securityRoutes(app, ctx)
  statisticsRoutes(app, ctx)
  exchangeRoutes(app, ctx)
  bundlesRoutes(app, ctx)
  materialsRoutes(app, ctx)
  proxiesRoutes(app, ctx)
  offlineTasksRoutes(app, ctx)
}
