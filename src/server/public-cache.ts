// Public GETs answered from memory: bodies serialized once per generation (src/server/generations.ts), sent as
// bytes with an ETag made of the generation, and 304 to a client that already holds them.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db/database.js'

export interface CachedBody { etag: string; body: Buffer }

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 §13.1.2 asks). Anything else,
 * garbage included, does not match: the client gets the full answer. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  for (const part of ifNoneMatch.split(',')) {
    const tag = part.trim()
    if (tag === '*' || tag === etag || tag === `W/${etag}`) return true
  }
  return false
}

/** Headers of every public answer that carries an ETag: the browser keeps it but asks again each time. */
function withEtag(reply: FastifyReply, etag: string): FastifyReply {
  return reply.header('etag', etag).header('cache-control', 'no-cache')
}

/** 304 when the client holds this generation, else nothing (the caller answers). */
export function notModified(req: FastifyRequest, reply: FastifyReply, etag: string): FastifyReply | undefined {
  withEtag(reply, etag)
  return etagMatches(req.headers['if-none-match'], etag) ? reply.code(304).send() : undefined
}

/** A cached body, or 304. */
export function sendCached(req: FastifyRequest, reply: FastifyReply, cached: CachedBody): FastifyReply {
  return notModified(req, reply, cached.etag) ?? reply.type('application/json; charset=utf-8').send(cached.body)
}

/** Values per key for one generation (per database handle): a new generation drops them all. Loads are shared by
 * concurrent requests; a failed load is forgotten; at most `max` keys are kept (a flood of distinct keys, such as
 * random ids, cannot grow it without bound). */
export class PerGeneration<K, V> {
  private byDb = new WeakMap<Db, { generation: string; values: Map<K, Promise<V>> }>()

  constructor(private max = 5_000) {}

  get(db: Db, generation: string, key: K, load: () => Promise<V>): Promise<V> {
    let state = this.byDb.get(db)
    if (!state || state.generation !== generation) this.byDb.set(db, (state = { generation, values: new Map() }))
    const values = state.values
    let value = values.get(key)
    if (!value) {
      if (values.size >= this.max) values.clear()
      value = load()
      values.set(key, value)
      value.catch(() => { if (values.get(key) === value) values.delete(key) })
    }
    return value
  }
}

/** Serialize once with the route's own response schema (the same bytes Fastify would send). */
export function serializeWith(reply: FastifyReply, etag: string, value: unknown): CachedBody {
  return { etag, body: Buffer.from(reply.serialize(value) as string) }
}
