// Runtime settings, read once from the environment (see README "Configuration").
import path from 'node:path'
import { MESSAGE_KIND_KEYS } from './domain/message-kinds.js'
import { loadExchangeConfig, type ExchangeConfig } from './features/exchange/exchange.config.js'

/** Routes limited per client address (src/server/rate-limit.ts); each is `RATE_LIMIT_<NAME>=max/seconds`. */
export const RATE_LIMIT_DEFAULTS = {
  login: { max: 60, windowSeconds: 60 },      // per address: a hall's staff may share one; lockout guards each account
  progress: { max: 30, windowSeconds: 60 },   // GET /api/public/progress
  rating: { max: 10, windowSeconds: 60 },     // POST /api/public/ratings
  ticket: { max: 300, windowSeconds: 60 },    // issuing tickets (a kiosk is one address: a busy hall's morning)
  code: { max: 20, windowSeconds: 600 },      // sending verification codes (each phone has its own daily limit too)
  appointment: { max: 30, windowSeconds: 600 }, // cancel/reschedule with a booking code, per address
  appointmentCode: { max: 5, windowSeconds: 3600 }, // cancel/reschedule tries per address per appointment
} satisfies Record<string, RateLimitRule>
export interface RateLimitRule { max: number; windowSeconds: number }
export type RateLimitName = keyof typeof RATE_LIMIT_DEFAULTS

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
  /** failed logins from one address (any usernames) before that address is throttled */
  ipLockoutAttempts: number
  ipLockoutMinutes: number
  /** Fastify's trustProxy: false (default), a number of hops, or the proxies' addresses/CIDRs (TRUST_PROXY) */
  trustProxy: false | number | string[]
  webDist: string
  secureCookies: boolean
  rateLimits: Record<RateLimitName, RateLimitRule>
  logFormat: 'json' | 'pretty'
  /** The address citizens reach the server at (QR codes, SMS links, printed notices), without a trailing slash. */
  publicUrl: string | undefined
  sms: SmsConfig
  /** GET /metrics on the main port for `Authorization: Bearer <METRICS_TOKEN>` (unset: not served there). */
  metricsToken: string | undefined
  /** METRICS_LISTEN=host:port: /metrics on an address of its own, without a token. */
  metricsListen: { host: string; port: number } | undefined
  /** Open display-board streams (anonymous SSE) one client address may hold, and this process in all. */
  displayStreams: { perAddress: number; total: number }
  /** STORAGE_FLOOR_MB: writes are refused while DATA_DIR has less free space (unset: 1 GiB, or 5 % of a smaller disk) */
  storageFloorMb: number | undefined
  /** EXCHANGE_*: the exchange with the provincial platform (src/features/exchange/exchange.config.ts) */
  exchange: ExchangeConfig
  /** Electronic materials (issue 20): MATERIAL_FILE_MAX_MB per upload, MATERIAL_CASE_MAX_MB and MATERIAL_CASE_MAX_FILES per case. */
  materials: { fileBytes: number; caseBytes: number; caseFiles: number }
  /** OFFLINE_RECEIPT_MAX_WORKDAYS: an offline intake's receipt may be at most this many working days old when it syncs. */
  offlineReceiptMaxWorkdays: number
}

function metricsToken(value: string | undefined): string | undefined {
  const v = value?.trim()
  if (!v) return undefined
  if (v.length < 16) throw new Error('环境变量 METRICS_TOKEN 至少 16 个字符 (a long random string, e.g. openssl rand -hex 24)')
  return v
}

function metricsListen(value: string | undefined): { host: string; port: number } | undefined {
  const v = value?.trim()
  if (!v) return undefined
  const m = /^(.+):(\d{1,5})$/.exec(v)
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new Error(`环境变量 METRICS_LISTEN 应为 地址:端口, 如 127.0.0.1:9464 (got "${v}")`)
  return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) }
}

/** SMS_PROVIDER and its settings; `log` writes messages to the log and sends nothing. */
export type SmsConfig =
  | { provider: 'log' }
  | { provider: 'aliyun' | 'tencent'; keyId: string; keySecret: string; signName: string; sdkAppId: string; region: string; endpoint: string | undefined; templates: Record<string, string> }

function smsConfig(env: NodeJS.ProcessEnv): SmsConfig {
  const provider = env.SMS_PROVIDER?.trim() || 'log'
  if (provider === 'log') return { provider }
  if (provider !== 'aliyun' && provider !== 'tencent') throw new Error(`环境变量 SMS_PROVIDER 应为 log、aliyun 或 tencent (got "${provider}")`)
  const missing: string[] = []
  const need = (name: string) => { const v = env[name]?.trim(); if (!v) missing.push(name); return v ?? '' }
  const templates = Object.fromEntries(MESSAGE_KIND_KEYS.map((k) => [k, need(`SMS_TEMPLATE_${k.toUpperCase()}`)]))
  const c = {
    provider, keyId: need('SMS_KEY_ID'), keySecret: need('SMS_KEY_SECRET'), signName: need('SMS_SIGN_NAME'),
    sdkAppId: provider === 'tencent' ? need('SMS_SDK_APP_ID') : '', region: env.SMS_REGION?.trim() || 'ap-guangzhou',
    endpoint: env.SMS_ENDPOINT?.trim() || undefined, templates,
  } as const
  if (missing.length) throw new Error(`SMS_PROVIDER=${provider} 还需要这些环境变量 (missing): ${missing.join(', ')}`)
  return c
}

/** PUBLIC_URL: an absolute http(s) address; the trailing slash dropped. */
function publicUrl(value: string | undefined): string | undefined {
  const v = value?.trim()
  if (!v) return undefined
  let u: URL
  try { u = new URL(v) } catch { throw new Error(`环境变量 PUBLIC_URL 应为完整地址, 如 https://yizhan.example.gov.cn (got "${v}")`) }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`环境变量 PUBLIC_URL 应以 https:// 开头 (got "${v}")`)
  return v.replace(/\/+$/, '')
}

function rateLimits(env: NodeJS.ProcessEnv): Record<RateLimitName, RateLimitRule> {
  const out = { ...RATE_LIMIT_DEFAULTS } as Record<RateLimitName, RateLimitRule>
  for (const name of Object.keys(out) as RateLimitName[]) {
    const key = `RATE_LIMIT_${name.toUpperCase()}`
    const value = env[key]
    if (value === undefined || value === '') continue
    const m = /^(\d{1,9})\/(\d{1,5})$/.exec(value)
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 86400) throw new Error(`环境变量 ${key} 应为 次数/秒数, 如 30/60 (got "${value}")`)
    out[name] = { max: Number(m[1]), windowSeconds: Number(m[2]) }
  }
  return out
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new Error(`环境变量 ${name} 必须是非负整数 (got "${value}")`)
  return n
}

/** TRUST_PROXY: unset → trust no proxy (X-Forwarded-For ignored); '1' → one hop; '10.0.0.1,10.1.0.0/16' → those proxies. */
function trustProxy(value: string | undefined): false | number | string[] {
  const v = value?.trim()
  if (!v || v === '0' || v === 'false') return false
  if (/^\d+$/.test(v)) return Number(v)
  if (v === 'true') throw new Error('环境变量 TRUST_PROXY 不能是 true: 请写出代理的地址 (e.g. 127.0.0.1,10.0.0.0/8) 或跳数')
  return v.split(',').map((s) => s.trim()).filter(Boolean)
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
    ipLockoutAttempts: int('LOGIN_IP_ATTEMPTS', env.LOGIN_IP_ATTEMPTS, 20),
    ipLockoutMinutes: int('LOGIN_IP_LOCKOUT_MINUTES', env.LOGIN_IP_LOCKOUT_MINUTES, 60),
    trustProxy: trustProxy(env.TRUST_PROXY),
    webDist: path.resolve(env.WEB_DIST || './web/dist'),
    secureCookies: env.COOKIE_SECURE === '1',
    rateLimits: rateLimits(env),
    publicUrl: publicUrl(env.PUBLIC_URL),
    sms: smsConfig(env),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    metricsListen: metricsListen(env.METRICS_LISTEN),
    displayStreams: { perAddress: int('DISPLAY_STREAMS_PER_ADDRESS', env.DISPLAY_STREAMS_PER_ADDRESS, 20), total: int('DISPLAY_STREAMS_MAX', env.DISPLAY_STREAMS_MAX, 2000) },
    storageFloorMb: env.STORAGE_FLOOR_MB ? int('STORAGE_FLOOR_MB', env.STORAGE_FLOOR_MB, 0) : undefined,
    exchange: loadExchangeConfig(env),
    materials: {
      fileBytes: int('MATERIAL_FILE_MAX_MB', env.MATERIAL_FILE_MAX_MB, 15) * 1024 * 1024,
      caseBytes: int('MATERIAL_CASE_MAX_MB', env.MATERIAL_CASE_MAX_MB, 60) * 1024 * 1024,
      caseFiles: int('MATERIAL_CASE_MAX_FILES', env.MATERIAL_CASE_MAX_FILES, 40),
    },
    offlineReceiptMaxWorkdays: int('OFFLINE_RECEIPT_MAX_WORKDAYS', env.OFFLINE_RECEIPT_MAX_WORKDAYS, 3),
    logFormat: env.LOG_FORMAT === 'json' || (env.LOG_FORMAT !== 'pretty' && !process.stdout.isTTY) ? 'json' : 'pretty',
  }
}
