// buildApp(): Fastify with its plugins, the auth hook, the error handler and every route.
// Tests call it with their own database and use app.inject().
import fs from 'node:fs'
import path from 'node:path'
import cookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyBaseLogger } from 'fastify'
import { sql } from 'kysely'
import type { Logger } from 'pino'
import { Type } from 'typebox'
import type { Config } from '../config.js'
import type { Db } from '../db/database.js'
import { systemClock, type Clock } from '../domain/clock.js'
import { AuthCache } from '../kernel/auth-cache.js'
import type { App, AppContext } from '../kernel/context.js'
import type { Sender } from '../kernel/sms-sender.js'
import { registerFeatureRoutes } from './routes.js'
import { installAuth } from './auth.js'
import type { Bus } from '../kernel/bus.js'
import { faultReply, installErrorHandler } from './errors.js'
import { installRateLimits } from '../kernel/rate-limit.js'
import { installWriteInvalidation } from '../kernel/generations.js'
import { progressTrust } from '../features/progress/progress-trust.js'
import { createLogger, RequestLog } from './logger.js'
import { installSecurityHeaders } from './security-headers.js'
import { createStorageGuard, installStorageGuard, type StorageGuard } from './storage-guard.js'
import { ErrorResponse } from '../kernel/schemas.js'
import { publicUrlRoutes } from './public-url.js'
import { Metrics } from '../kernel/metrics.js'
import { metricsRoute } from './metrics.js'
import type pg from 'pg'
import { lazyValidators, shareSerializers } from './serializers.js'
import { checkOperationIds, swaggerOptions } from './openapi/document.js'
import { installResponseCheck, type ResponseCheckOptions } from './response-check.js'

export type { App, AppContext } from '../kernel/context.js'

export async function buildApp(opts: {
  db: Db; config: Config; bus?: Bus; clock?: Clock; smsSender?: Sender; logger?: boolean | Logger; logStream?: { write(line: string): void }
  /** start() passes its own, to serve it on METRICS_LISTEN too; the pool gives the pool gauges. */
  metrics?: Metrics; pool?: pg.Pool
  /** The disk-space guard (npm start watches DATA_DIR's free space); without one only a disk-full answer refuses writes. */
  storage?: StorageGuard
  /** Compile each route's validators and serializers on its first request rather than at ready() (npm start: a faster restart). */
  lazySchemas?: boolean
  /** Tests: every JSON answer must match its route's declared response schema, or it becomes a 500 (src/server/response-check.ts). */
  checkResponses?: boolean | ResponseCheckOptions
}): Promise<App> {
  const logger = opts.logger === false ? undefined
    : typeof opts.logger === 'object' ? opts.logger : createLogger(opts.config.logLevel, opts.config.logFormat, opts.logStream)
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger | undefined,
    logController: logger ? new RequestLog() : undefined,
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxyOption(opts.config.trustProxy),
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    routerOptions: { maxParamLength: 200 },
    ...(opts.lazySchemas ? { schemaController: lazyValidators() } : {}),
  }).withTypeProvider<TypeBoxTypeProvider>()

  const ctx: AppContext = {
    db: opts.db, config: opts.config, bus: opts.bus, authCache: new AuthCache(opts.bus), clock: opts.clock ?? systemClock, smsSender: opts.smsSender,
    metrics: opts.metrics ?? new Metrics(),
  }

  app.addSchema(ErrorResponse)
  shareSerializers(app, { lazy: opts.lazySchemas })
  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'], 'connect-src': ["'self'"], 'font-src': ["'self'", 'data:'],
      },
    },
  })
  await app.register(cookie)
  await app.register(swagger, swaggerOptions())
  const routesNamed = checkOperationIds(app)
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true })
  const storage = opts.storage ?? createStorageGuard({ log: { warn: (m) => app.log.warn(m), info: (m) => app.log.info(m) } })
  installErrorHandler(app, (fault) => { if (fault === 'storage') storage.reportFull() })
  if (opts.checkResponses) installResponseCheck(app, opts.checkResponses === true ? {} : opts.checkResponses)
  installStorageGuard(app, storage)
  installAuth(app, ctx.db, ctx.authCache)
  installWriteInvalidation(app, ctx.db, ctx.bus, [() => progressTrust(ctx.bus).distrustAll()])
  await installRateLimits(app, ctx.db)

  app.get('/healthz', {
    schema: {
      tags: ['running'], summary: 'health',
      description: '200 while the database answers, with `writable: false` added while writes are refused for lack of disk space (they answer 503 storage_low); 503 database_unavailable while the database is away.',
      response: { 200: Type.Object({ status: Type.Literal('ok'), writable: Type.Optional(Type.Literal(false)) }), 503: ErrorResponse },
    },
    // Its answers are made here field by field: plain JSON.stringify spares loading fast-json-stringify for the first
    // health check after a restart (that happens on the first request of another kind).
    serializerCompiler: () => (data) => JSON.stringify(data),
  }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db)
      return storage.writable() ? { status: 'ok' as const } : { status: 'ok' as const, writable: false as const }
    } catch {
      return faultReply(reply, 'unavailable')
    }
  })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  publicUrlRoutes(app, opts.config)
  ctx.metrics.install(app, ctx.db, opts.pool)
  if (opts.config.metricsToken) metricsRoute(app, ctx.metrics, opts.config.metricsToken)

  registerFeatureRoutes(app, ctx)
  await serveWeb(app, opts.config.webDist)
  routesNamed()
  return app
}

/** Config's TRUST_PROXY for Fastify: a hop count trusts that many proxies nearest the server. */
function trustProxyOption(tp: Config['trustProxy']): boolean | string[] | ((addr: string, hop: number) => boolean) {
  return typeof tp === 'number' ? (_addr, hop) => hop < tp : tp
}

/** The built web pages (npm run build:web), with the SPA's index.html for every other GET outside /api. */
async function serveWeb(app: App, dist: string): Promise<void> {
  const index = path.join(dist, 'index.html')
  if (!fs.existsSync(index)) return
  await app.register(fastifyStatic, { root: dist, wildcard: false, index: false, preCompressed: true })
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0]
    if (url.startsWith('/api/')) return reply.callNotFound()
    const file = path.join(dist, path.normalize(url).replace(/^(\.\.[/\\])+/, ''))
    if (file.startsWith(dist) && url !== '/' && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(dist, file), { maxAge: url.startsWith('/assets/') ? '365d' : 0, immutable: url.startsWith('/assets/') })
    }
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html')
  })
}
