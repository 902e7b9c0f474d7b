// Runtime settings, read once from the environment (see README "Configuration").
import path from 'node:path'

export interface Config {
  host: string
  port: number
  dataDir: string
  databaseUrl: string | undefined
  embeddedPgPort: number | undefined
  demo: boolean
  demoPassword: string | undefined
  logLevel: string
  sessionTtlHours: number
  lockoutAttempts: number
  lockoutMinutes: number
  webDist: string
  secureCookies: boolean
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new Error(`环境变量 ${name} 必须是非负整数 (got "${value}")`)
  return n
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    host: env.HOST || '127.0.0.1',
    port: int('PORT', env.PORT, 3000),
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: env.EMBEDDED_PG_PORT ? int('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 0) : undefined,
    demo: env.YIZHAN_DEMO !== '0',
    demoPassword: env.YIZHAN_DEMO_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    sessionTtlHours: int('SESSION_TTL_HOURS', env.SESSION_TTL_HOURS, 12),
    lockoutAttempts: int('LOCKOUT_ATTEMPTS', env.LOCKOUT_ATTEMPTS, 5),
    lockoutMinutes: int('LOCKOUT_MINUTES', env.LOCKOUT_MINUTES, 15),
    webDist: path.resolve(env.WEB_DIST || './web/dist'),
    secureCookies: env.COOKIE_SECURE === '1',
  }
}
