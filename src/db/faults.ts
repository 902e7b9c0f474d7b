// What a database error means for the person waiting on it: the server is away (503 database_unavailable), its disk
// is full (503 storage_low), or neither (the caller's own problem, or a bug). Pure: no I/O.

export type DbFault = 'unavailable' | 'storage'

/** Seconds a client is told to wait before retrying (Retry-After) for each fault. */
export const RETRY_AFTER_SECONDS: Record<DbFault, number> = { unavailable: 5, storage: 30 }

/** SQLSTATEs of a server that is going away, restarting or full of connections (57P0x, class 08, 53300). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '57P05', '53300', '58030'])
/** Socket errors of a connection that could not be made or was cut. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT', 'EAI_AGAIN'])
/** node-postgres' own words for a client whose connection is gone (they carry no code). */
const LOST_CONNECTION = /Connection terminated|not queryable|Client was closed|Connection ended|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode)/i

export function dbFault(err: unknown): DbFault | undefined {
  if (!err || typeof err !== 'object') return undefined
  const e = err as { code?: unknown; syscall?: unknown; message?: unknown; errors?: unknown }
  const code = typeof e.code === 'string' ? e.code : undefined
  if (code === '53100') return 'storage' // disk_full
  if (code && (UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return 'unavailable'
  // ENOENT only from connecting (the embedded server's socket file gone), never from a file the app reads.
  if (code && SOCKET_CODES.has(code) && (code !== 'ENOENT' || e.syscall === 'connect')) return 'unavailable'
  if (!code && typeof e.message === 'string' && LOST_CONNECTION.test(e.message)) return 'unavailable'
  // Node's AggregateError when every address of a host refused (localhost → ::1 and 127.0.0.1).
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => dbFault(x) === 'unavailable')) return 'unavailable'
  return undefined
}
