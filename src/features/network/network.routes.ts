// The network feature (issue 3): centers, departments, windows, staff and the 应进必进 board.
import type { App, AppContext } from '../../kernel/context.js'
import { boardRoutes } from './board.routes.js'
import { centerRoutes } from './centers.routes.js'
import { departmentRoutes } from './departments.routes.js'
import { staffRoutes } from './staff.routes.js'
import { windowRoutes } from './windows.routes.js'

export function networkRoutes(app: App, ctx: AppContext): void {
  centerRoutes(app, ctx)
  departmentRoutes(app, ctx)
  windowRoutes(app, ctx)
  staffRoutes(app, ctx)
  boardRoutes(app, ctx)
}
