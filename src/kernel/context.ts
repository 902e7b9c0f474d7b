// What every route and service is given: the Fastify instance's type and the process's context (database, config,
// caches, bus, clock, SMS sender, metrics). Built by buildApp() in src/server/app.ts, the composition root.
import type { Config } from '../config.js'
import type { Db } from '../db/database.js'
import type { Clock } from '../domain/clock.js'
import type { AuthCache } from './auth-cache.js'
import type { Bus } from './bus.js'
import type { Metrics } from './metrics.js'
import type { Sender } from './sms-sender.js'

export type { App } from './app.js'

export interface AppContext {
  db: Db
  config: Config
  authCache: AuthCache
  bus?: Bus
  clock: Clock
  /** The process's one SMS sender (outbox and hall codes, src/features/messages/providers); the log when absent. */
  smsSender?: Sender
  /** The Prometheus registry (/metrics); features add their gauges to it. */
  metrics: Metrics
}
