// Public GETs answered from memory: bodies serialized (and gzipped) once per generation (src/server/generations.ts),
// sent as bytes with an ETag made of the generation, and 304 to a client that already holds them.
// Compressing per response (@fastify/compress) cost far more than serving the page (bench:public); compressing
// once per generation costs nothing per request and sends a seventh of the bytes to a phone.
import zlib from 'node:zlib'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db/database.js'

/** `body` is the string the route's serializer made, sent as the bare baseline sends its constant (one write with
 * the headers); `gzip` the same bytes compressed once. */
export interface CachedBody { etag: string; body: string; gzip?: Buffer }

/** Bodies smaller than this go as they are: gzip would save little. */
const GZIP_MIN_BYTES = 1024

/** Whether an If-None-Match header names this ETag or its gzip twin (weak comparison, as RFC 9110 §13.1.2 asks).
 * Anything else, garbage included, does not match: the client gets the full answer. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  const gz = gzipEtag(etag)
  for (const part of ifNoneMatch.split(',')) {
    const tag = part.trim().replace(/^W\//, '')
    if (tag === '*' || tag === etag || tag === gz) return true
  }
  return false
}

/** The gzipped representation has a tag of its own: "c12n3" → "c12n3-gz". */
const gzipEtag = (etag: string) => etag.slice(0, -1) + '-gz"'

/** Whether Accept-Encoding allows gzip (and does not refuse it with q=0). */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding
  if (!header) return false
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';')
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return !q || Number(q.slice(2)) > 0
  })
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

/** A cached body (gzipped when the client takes it), or 304. */
export function sendCached(req: FastifyRequest, reply: FastifyReply, cached: CachedBody): FastifyReply {
  reply.header('vary', 'accept-encoding')
  const gzip = cached.gzip && acceptsGzip(req.headers['accept-encoding']) ? cached.gzip : undefined
  const sent = notModified(req, reply, gzip ? gzipEtag(cached.etag) : cached.etag)
  if (sent) return sent
  reply.type('application/json; charset=utf-8')
  return gzip ? reply.header('content-encoding', 'gzip').send(gzip) : reply.send(cached.body)
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

/** Serialize once with the route's own response schema (the same bytes Fastify would send), and gzip once. */
export function serializeWith(reply: FastifyReply, etag: string, value: unknown): CachedBody {
  const body = reply.serialize(value) as string
  return { etag, body, gzip: body.length >= GZIP_MIN_BYTES ? zlib.gzipSync(body) : undefined }
}
