// Structured logs (pino) that never print passwords, session ids, tokens or full ID numbers.
import type { FastifyServerOptions } from 'fastify'
import { maskIdNumbersIn } from '../domain/id-number.js'

export function loggerOptions(level: string): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]',
        'password', '*.password', 'passwordHash', '*.passwordHash', 'token', '*.token', 'sessionId', '*.sessionId',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req) {
        return { method: req.method, url: maskIdNumbersIn(req.url), remoteAddress: req.ip }
      },
    },
    hooks: {
      // Mask ID numbers in any log message text.
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskIdNumbersIn(a) : a))
        return method.apply(this, masked as Parameters<typeof method>)
      },
    },
  }
}
