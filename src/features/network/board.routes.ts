// The 应进必进 board: GET /api/boards/entry?centerId= (district or town; default the caller's center).
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { ErrorResponse } from '../../kernel/schemas.js'
import * as service from './board.service.js'
import { Id, NullableString } from './network.shared.js'

const EntryBoard = Type.Object({
  center: Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String() }, { title: 'CenterRef' }),
  required: Type.Integer(),
  entered: Type.Integer(),
  rate: Type.Number(),
  /** distinct windows serving the center's departments, and those serving entered ones (a 综合窗口 counts once) */
  windows: Type.Integer(),
  windowsOfEntered: Type.Integer(),
  departments: Type.Array(Type.Object({
    id: Type.Integer(), code: Type.String(), name: Type.String(), required: Type.Boolean(), entered: Type.Boolean(),
    enteredOn: NullableString,
    windows: Type.Array(Type.Object({ id: Type.Integer(), number: Type.String(), name: Type.String() }, { title: 'WindowRef' })),
    items: Type.Integer(),
  })),
})

export function boardRoutes(app: App, ctx: AppContext): void {
  app.get('/api/boards/entry', {
    schema: {
      tags: ['network'], summary: '应进必进进驻情况 required units and entry rate',
      querystring: Type.Object({ centerId: Type.Optional(Id) }, { additionalProperties: false }),
      response: { 200: EntryBoard, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
  }, async (req) => service.getEntryBoard(ctx.db, requirePermission(req, 'board.read'), req.query.centerId))
}
