// Per-center supervision settings: light thresholds and the follow-up limits of a bad rating. A center without its
// own row takes the nearest ancestor's, else the defaults (1 working day / 80%; call back in 1, fix in 15).
import type { Db } from '../../db/database.js'

export interface SupervisionSettings { yellowDaysLeft: number; yellowUsedShare: number; callbackDays: number; fixDays: number }
export const DEFAULT_SETTINGS: SupervisionSettings = { yellowDaysLeft: 1, yellowUsedShare: 0.8, callbackDays: 1, fixDays: 15 }

const columns = ['s.center_id as centerId', 's.yellow_days_left as yellowDaysLeft', 's.yellow_used_share as yellowUsedShare',
  's.callback_days as callbackDays', 's.fix_days as fixDays'] as const

/** Every center's own settings row (few rows: read once per request). */
export function allSettings(db: Db) {
  return db.selectFrom('supervision_settings as s').select(columns).execute()
}

export function upsertSettings(trx: Db, centerId: number, s: SupervisionSettings, by: number, at: Date) {
  const v = { yellow_days_left: s.yellowDaysLeft, yellow_used_share: s.yellowUsedShare, callback_days: s.callbackDays, fix_days: s.fixDays, updated_by: by, updated_at: at }
  return trx.insertInto('supervision_settings').values({ center_id: centerId, ...v })
    .onConflict((oc) => oc.column('center_id').doUpdateSet(v)).execute()
}

/** The settings that apply to a center at `path` ('/1/3/17/'): its own, else the nearest ancestor's, else the defaults. */
export function settingsFor(rows: readonly (SupervisionSettings & { centerId: number })[], path: string): SupervisionSettings {
  const ids = path.split('/').filter(Boolean).map(Number).reverse()
  for (const id of ids) {
    const r = rows.find((x) => x.centerId === id)
    if (r) return { yellowDaysLeft: r.yellowDaysLeft, yellowUsedShare: r.yellowUsedShare, callbackDays: r.callbackDays, fixDays: r.fixDays }
  }
  return DEFAULT_SETTINGS
}
