// The hall (大厅): kiosk tickets, the window panel, the display board, appointments, setup and statistics.
import type { App, AppContext } from '../../kernel/context.js'
import { appointmentRoutes } from './appointments.routes.js'
import { callingRoutes } from './calling.routes.js'
import { displayRoutes } from './display.routes.js'
import { createHall } from './hall.context.js'
import { setupRoutes } from './setup.routes.js'
import { ticketRoutes } from './tickets.routes.js'

export function hallRoutes(app: App, ctx: AppContext): void {
  const hall = createHall(ctx, app.log)
  ticketRoutes(app, hall)
  callingRoutes(app, hall)
  const boards = displayRoutes(app, hall)
  ctx.metrics.gauge('yizhan_sse_connections', 'open display-board event streams (SSE) in this process', () => boards.size())
  appointmentRoutes(app, hall)
  setupRoutes(app, hall)
}
