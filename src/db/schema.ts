// The database's type for Kysely: every feature owns the types of its tables (src/features/<feature>/<feature>.tables.ts),
// composed here. The table and column types are re-exported so code may keep importing them from this file.
import type { NetworkTables } from '../features/network/network.tables.js'
import type { SessionTables } from '../features/session/session.tables.js'
import type { SecurityTables } from '../features/security/security.tables.js'
import type { AuditTables } from '../features/audit/audit.tables.js'
import type { CatalogTables } from '../features/catalog/catalog.tables.js'
import type { CalendarTables } from '../features/calendar/calendar.tables.js'
import type { CasesTables } from '../features/cases/cases.tables.js'
import type { LevelsTables } from '../features/levels/levels.tables.js'
import type { MessagesTables } from '../features/messages/messages.tables.js'
import type { SupervisionTables } from '../features/supervision/supervision.tables.js'
import type { RatingsTables } from '../features/ratings/ratings.tables.js'
import type { ReportsTables } from '../features/reports/reports.tables.js'
import type { HallTables } from '../features/hall/hall.tables.js'
import type { StatisticsTables } from '../features/statistics/statistics.tables.js'
import type { ExchangeTables } from '../features/exchange/exchange.tables.js'
import type { BundlesTables } from '../features/bundles/bundles.tables.js'
import type { MaterialsTables } from '../features/materials/materials.tables.js'
import type { ProxiesTables } from '../features/proxies/proxies.tables.js'

export type * from '../features/network/network.tables.js'
export type * from '../features/session/session.tables.js'
export type * from '../features/security/security.tables.js'
export type * from '../features/audit/audit.tables.js'
export type * from '../features/catalog/catalog.tables.js'
export type * from '../features/calendar/calendar.tables.js'
export type * from '../features/cases/cases.tables.js'
export type * from '../features/levels/levels.tables.js'
export type * from '../features/messages/messages.tables.js'
export type * from '../features/supervision/supervision.tables.js'
export type * from '../features/ratings/ratings.tables.js'
export type * from '../features/reports/reports.tables.js'
export type * from '../features/hall/hall.tables.js'
export type * from '../features/statistics/statistics.tables.js'
export type * from '../features/exchange/exchange.tables.js'
export type * from '../features/bundles/bundles.tables.js'
export type * from '../features/materials/materials.tables.js'
export type * from '../features/proxies/proxies.tables.js'

/** Hits per key and window of the rate limits shared by the processes (migration 0041; src/server/rate-limit-store.ts). */
export interface RateLimitHitsTable { key: string; window_start: Date; hits: number }

export interface Database extends
  NetworkTables, SessionTables, SecurityTables, AuditTables, CatalogTables, CalendarTables, CasesTables, LevelsTables,
  MessagesTables, SupervisionTables, RatingsTables, ReportsTables, HallTables, StatisticsTables, ExchangeTables,
  BundlesTables, MaterialsTables, ProxiesTables {
  rate_limit_hits: RateLimitHitsTable
}
