// The demo history's progress row (migration 0071): written by the demo's generator (src/demo/history), read by the
// operations report, which says when its figures are still growing. Production code reads it here, never in the demo.
import type { Db } from '../../db/database.js'

export function historyStatus(db: Db) {
  return db.selectFrom('demo_history').select(['from_date as from', 'to_date as to', 'through', 'status']).where('id', '=', 1).executeTakeFirst()
}
