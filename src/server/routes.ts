// Every feature's routes, registered in one place.
import type { App, AppContext } from './app.js'
import { sessionRoutes } from '../features/session/session.routes.js'
import { networkRoutes } from '../features/network/network.routes.js'

export function registerFeatureRoutes(app: App, ctx: AppContext): void {
  sessionRoutes(app, ctx)
  networkRoutes(app, ctx)
}
