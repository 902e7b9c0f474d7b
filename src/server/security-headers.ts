// Security headers computed once by `helmet` (its defaults plus our CSP) and set on every reply.
// @fastify/helmet runs helmet's middleware on each request, which cost a third of the throughput of an
// authenticated GET in bench:session; the headers are static, so we compute them once.
import type { ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import helmet, { type HelmetOptions } from 'helmet'

export function computeHelmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) { headers[name.toLowerCase()] = String(value) },
    removeHeader(name: string) { delete headers[name.toLowerCase()] },
    getHeader(name: string) { return headers[name.toLowerCase()] },
  }
  let error: unknown
  helmet(options)({} as never, res as unknown as ServerResponse, (err?: unknown) => { error = err })
  if (error) throw error
  return headers
}

export function installSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = computeHelmetHeaders(options)
  app.addHook('onRequest', async (_req, reply) => { reply.headers(headers) })
}
