// EXCHANGE_* settings (README "Configuration"): which adapter sends the exchange log to the province, where, and how.
// A mapping that names an unknown field or code stops the start with its line (domain/exchange-mapping.ts).
import fs from 'node:fs'
import { mappingFrom, type Mapping } from '../../domain/exchange-mapping.js'

export interface ExchangeConfig {
  /** off: the log is kept, nothing leaves; staging: 前置库 rows; push: HTTP push. */
  mode: 'off' | 'staging' | 'push'
  /** The 前置库 (unset: a schema in Yizhan's own database). */
  stagingUrl: string | undefined
  stagingSchema: string
  pushUrl: string | undefined
  token: string | undefined
  hmacKey: string | undefined
  /** 32 hex digits (128 bits): the body is SM4-CBC encrypted. */
  sm4Key: Buffer | undefined
  mapping: Mapping
  /** data_source of every row: the system's code the province registered. */
  dataSource: string
  /** Province-page mode of 好差评: the province's rating page and the key its signature uses. */
  ratingPageUrl: string | undefined
  ratingPageKey: string | undefined
  /** The province's 实施清单 feed (HTTP) for the catalog import. */
  catalogUrl: string | undefined
  pollMs: number
  batch: number
  /** The province's 统一申办流水号 rule where the county numbers ({area}{date}{seq:6} …); unset: the province assigns it. */
  provinceNoRule: string | undefined
  /** Records a push request carries (1: one record as is; more: the mapping's batch list, results per record). */
  pushBatch: number
}

export function loadExchangeConfig(env: NodeJS.ProcessEnv = process.env): ExchangeConfig {
  const mode = (env.EXCHANGE_MODE?.trim() || 'off') as ExchangeConfig['mode']
  if (!['off', 'staging', 'push'].includes(mode)) throw new Error(`环境变量 EXCHANGE_MODE 应为 off、staging 或 push (got "${mode}")`)
  const pushUrl = env.EXCHANGE_PUSH_URL?.trim() || undefined
  if (mode === 'push' && !pushUrl) throw new Error('EXCHANGE_MODE=push 还需要 EXCHANGE_PUSH_URL (the province\'s 办件汇聚 address)')
  const sm4 = env.EXCHANGE_SM4_KEY?.trim()
  if (sm4 && !/^[0-9a-fA-F]{32}$/.test(sm4)) throw new Error('环境变量 EXCHANGE_SM4_KEY 应为 32 位十六进制 (a 128-bit SM4 key)')
  const schema = env.EXCHANGE_STAGING_SCHEMA?.trim() || 'exchange_staging'
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`环境变量 EXCHANGE_STAGING_SCHEMA 应为小写标识符 (got "${schema}")`)
  const m = env.EXCHANGE_MAPPING?.trim() || 'national'
  const mapping = m === 'national' || m === 'dzjc' ? mappingFrom({ builtin: m }) : mappingFrom({ text: fs.readFileSync(m, 'utf8'), file: m })
  const int = (name: string, v: string | undefined, d: number) => {
    if (!v) return d
    const n = Number(v)
    if (!Number.isInteger(n) || n < 1) throw new Error(`环境变量 ${name} 必须是正整数 (got "${v}")`)
    return n
  }
  return {
    mode, stagingUrl: env.EXCHANGE_STAGING_URL?.trim() || undefined, stagingSchema: schema, pushUrl,
    token: env.EXCHANGE_TOKEN?.trim() || undefined, hmacKey: env.EXCHANGE_HMAC_KEY?.trim() || undefined,
    sm4Key: sm4 ? Buffer.from(sm4, 'hex') : undefined, mapping, dataSource: env.EXCHANGE_DATA_SOURCE?.trim() || 'YIZHAN',
    ratingPageUrl: env.EXCHANGE_RATING_PAGE_URL?.trim() || undefined, ratingPageKey: env.EXCHANGE_RATING_PAGE_KEY?.trim() || undefined,
    catalogUrl: env.EXCHANGE_CATALOG_URL?.trim() || undefined,
    pollMs: int('EXCHANGE_POLL_MS', env.EXCHANGE_POLL_MS, 1000), batch: int('EXCHANGE_BATCH', env.EXCHANGE_BATCH, 50),
    pushBatch: int('EXCHANGE_PUSH_BATCH', env.EXCHANGE_PUSH_BATCH, 1),
    provinceNoRule: provinceNoRule(env.EXCHANGE_PROVINCE_NO_RULE),
  }
}

/**
 * EXCHANGE_PROVINCE_NO_RULE: letters, digits and - _, with {area} (12-digit 区划代码), {area6}, {date} (YYYYMMDD of
 * 受理, China time), {year} and exactly one {seq:N} (N = 1–12 digits, a counter per everything else). Checked here.
 */
export function provinceNoRule(v: string | undefined): string | undefined {
  const rule = v?.trim()
  if (!rule) return undefined
  const rest = rule.replace(/\{(area|area6|date|year)\}|\{seq:([1-9]|1[0-2])\}/g, '')
  const unknown = /\{[^}]*\}?/.exec(rest)
  if (unknown) throw new Error(`环境变量 EXCHANGE_PROVINCE_NO_RULE 有未知占位符 ${unknown[0]} (known: {area} {area6} {date} {year} {seq:N})`)
  if (!/^[0-9A-Za-z_-]*$/.test(rest)) throw new Error(`环境变量 EXCHANGE_PROVINCE_NO_RULE 只能含字母、数字、-、_ 和占位符 (got "${rule}")`)
  if ((rule.match(/\{seq:\d+\}/g) ?? []).length !== 1) throw new Error('环境变量 EXCHANGE_PROVINCE_NO_RULE 需要恰好一个 {seq:N} (the serial number)')
  return rule
}
