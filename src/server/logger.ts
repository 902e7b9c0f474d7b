// Logs (pino) that never print passwords, session ids, tokens or full ID numbers: JSON lines for machines, or
// readable coloured lines (pino-pretty, local date and time) when stdout is a terminal. One line per request, written
// when it ends, with the user and the client address (behind a proxy: TRUST_PROXY).
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino'
import pretty from 'pino-pretty'
import { CODE_FIELDS, redactFields, redactText } from './log-redaction.js'

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]',
        'password', '*.password', 'passwordHash', '*.passwordHash', 'token', '*.token', 'sessionId', '*.sessionId',
        ...CODE_FIELDS.map((f) => `*.${f}`),
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req) {
        return { method: req.method, url: redactText(req.url), remoteAddress: req.ip }
      },
    },
    // Codes and ID numbers in a logged object's fields (an SMS text in `body`) …
    formatters: { log: (o) => redactFields(o) },
    hooks: {
      // … and in any log message text.
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? redactText(a) : a))
        return method.apply(this, masked as Parameters<typeof method>)
      },
    },
  }
}

/** The request line's fields, shown by the JSON log and left out of the pretty one (its message says them). */
const REQUEST_FIELDS = 'pid,hostname,reqId,method,route,url,status,ms,userId,ip'

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
})
/** A log line's time for a person in the district: local date and time (Asia/Shanghai, whatever the server's zone). */
export function localTime(epochMs: number): string {
  const p = Object.fromEntries(shanghai.formatToParts(new Date(epochMs)).map((x) => [x.type, x.value]))
  return `[${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}.${String(epochMs % 1000).padStart(3, '0')}]`
}

/** The process's logger: JSON lines, or (pretty) coloured lines written synchronously, to stdout unless `stream`
 * (a writable stream for pretty) is given. */
export function createLogger(level: string, format: 'json' | 'pretty', stream?: DestinationStream): Logger {
  if (format === 'json') return stream ? pino(loggerOptions(level), stream) : pino(loggerOptions(level))
  return pino(loggerOptions(level), pretty({
    colorize: true, sync: true, translateTime: false, customPrettifiers: { time: (t) => localTime(Number(t)) }, ignore: REQUEST_FIELDS, singleLine: true,
    // who asked and from where, after the request line's own text
    messageFormat: '{msg}{if userId} · 用户 {userId}{end}{if ip} · {ip}{end}',
    destination: stream ?? 1,
  }))
}

/** One line per request when its answer is sent: method, URL (ID numbers masked), route, status and time, instead of
 * Fastify's two (incoming, completed) and its extra line for an unknown route. */
export class RequestLog extends LogController {
  override incomingRequest(): void {}
  override routeNotFound(): void {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const status = reply.statusCode
    if (!error && status < 500 && !(reply.log as Logger).isLevelEnabled('info')) return // LOG_LEVEL=warn: nothing to build
    const ms = Math.round(reply.elapsedTime * 10) / 10
    const url = redactText(req.url)
    const fields = { method: req.method, route: req.routeOptions.url ?? null, url, status, ms, userId: req.actor?.userId ?? null, ip: req.ip }
    const line = `${req.method} ${url} ${status} ${ms} ms`
    if (error || status >= 500) reply.log.error(error ? { ...fields, err: error } : fields, line)
    else reply.log.info(fields, line)
  }
}
