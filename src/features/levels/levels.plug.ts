// Plugs levels into cases (src/features/cases/extensions.ts): the action table with the cross-level handlers, and the
// agency intake. Called by the composition root and the demo's history; cases imports nothing of levels.
import { HANDLERS } from '../cases/action-handlers.js'
import { plugActions } from '../cases/extensions.js'
import { agencyFor, insertAuthorization, recordAgencyIntake } from './agency-intake.js'
import { withLevels } from './levels.handlers.js'

export function plugLevels(): void {
  plugActions(withLevels(HANDLERS), { agencyFor, insertAuthorization, recordAgencyIntake })
}
