// Per-address rate limits for the routes that cost or can be abused (login, progress lookup, ratings, tickets,
// verification codes), with @fastify/rate-limit and a store shared by every Yizhan process on the database.
// A route opts in with `config: rateLimit(ctx.config, 'login')`; over the limit it answers 429 with Retry-After and
// { error: { code: 'rate_limited', message: '请求过于频繁…' } }.
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyRequest } from 'fastify'
import type { Config, RateLimitName } from '../config.js'
import type { Db } from '../db/database.js'
import { errors } from '../domain/errors.js'
import type { App } from './context.js'
import { SharedCounters } from './rate-limit-store.js'

/** The route option: `app.post(url, { config: rateLimit(ctx.config, 'progress'), schema }, handler)`. Each name
 * counts on its own: a flood of logins does not use up the same address's progress lookups. */
export function rateLimit(config: Config, name: RateLimitName) {
  const { max, windowSeconds } = config.rateLimits[name]
  return { rateLimit: { max, timeWindow: windowSeconds * 1000, groupId: `:${name}` } }
}

/** Registers the plugin (no route limited unless it asks) with the shared store; stopped with the app. */
export async function installRateLimits(app: App, db: Db): Promise<void> {
  const counters = new SharedCounters(db, app.log)
  app.addHook('onClose', async () => { await counters.close() })
  await app.register(fastifyRateLimit, {
    global: false,
    store: counters.storeClass(),
    keyGenerator: (req: FastifyRequest) => req.ip,
    // The counters live in PostgreSQL: if it cannot be reached, serve rather than refuse everyone.
    skipOnError: true,
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: (_req, ctx) => errors.rateLimited(Math.max(1, Math.ceil(ctx.ttl / 1000))),
  })
}

/** A further limit on a route, counted per `key` (say an address and the record it tries): a preHandler that answers
 * 429 with Retry-After, from the same shared counters. Register after installRateLimits. */
export function keyedLimit(app: App, config: Config, name: RateLimitName, key: (req: FastifyRequest) => string) {
  const { max, windowSeconds } = config.rateLimits[name]
  const check = app.createRateLimit({ max, timeWindow: windowSeconds * 1000, keyGenerator: (req) => `${key(req)}:${name}` })
  return async (req: FastifyRequest): Promise<void> => {
    const r = await check(req)
    if (!r.isAllowed && r.isExceeded) throw errors.rateLimited(Math.max(1, r.ttlInSeconds))
  }
}
