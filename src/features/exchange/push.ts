// Adapter B, HTTP push: one request per record in the province's names, codes and format (the mapping), with its
// access token, an optional HMAC-SHA256 signature header and an optional SM4-CBC encrypted body (Node's OpenSSL has
// sm4-cbc). The reply decides: ok and "already exists" acknowledge, throttling and outages are retried with backoff,
// any other answer is a refusal kept with its reason. Each request and reply is logged with ID numbers masked.
import crypto from 'node:crypto'
import { renderRecord, type Mapping } from '../../domain/exchange-mapping.js'
import { maskIdNumbersIn } from '../../domain/id-number.js'
import type { Claimed } from './exchange.repository.js'
import type { Adapter, Delivery } from './sender.js'

export interface PushOptions {
  url: string; mapping: Mapping; token?: string; hmacKey?: string; sm4Key?: Buffer; dataSource: string; timeoutMs?: number
}

/** The signature header over timestamp, nonce and the body as sent: hex HMAC-SHA256 (documented for the integrator). */
export function signature(key: string, ts: string, nonce: string, body: string): string {
  return crypto.createHmac('sha256', key).update(`${ts}\n${nonce}\n${body}`).digest('hex')
}

/** SM4-CBC with PKCS#7 padding; base64 of a fresh 16-byte IV followed by the ciphertext. */
export function sm4Encrypt(key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(16)
  const c = crypto.createCipheriv('sm4-cbc', key, iv)
  return Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]).toString('base64')
}

export function sm4Decrypt(key: Buffer, text: string): string {
  const raw = Buffer.from(text, 'base64')
  const d = crypto.createDecipheriv('sm4-cbc', key, raw.subarray(0, 16))
  return Buffer.concat([d.update(raw.subarray(16)), d.final()]).toString('utf8')
}

/** The reply's code, message and 统一申办流水号, from a JSON or an XML answer. */
export function parseReply(text: string): { code: string | null; message: string; provinceNo: string | null } {
  try {
    const j = JSON.parse(text) as Record<string, unknown>
    const pick = (...k: string[]) => { for (const x of k) if (j[x] !== undefined && j[x] !== null) return String(j[x]); return null }
    return { code: pick('code', 'CODE', 'resultCode'), message: pick('message', 'msg', 'MSG', 'MESSAGE') ?? '', provinceNo: pick('province_no', 'sblsh', 'SBLSH') }
  } catch {
    const tag = (t: string) => new RegExp(`<${t}>([^<]*)</${t}>`, 'i').exec(text)?.[1] ?? null
    return { code: tag('CODE'), message: tag('MSG') ?? tag('MESSAGE') ?? '', provinceNo: tag('SBLSH') }
  }
}

/** Requests in flight at once: different cases go side by side, a case's own records one after another. */
export const PUSH_IN_FLIGHT = 8

export function pushAdapter(o: PushOptions): Adapter {
  const m = o.mapping
  async function pushOne(r: Claimed, now: Date, batch: string): Promise<Delivery> {
    const plain = renderRecord(m, r, { time: now, batch, source: o.dataSource })
    const body = o.sm4Key ? sm4Encrypt(o.sm4Key, plain) : plain
    const headers: Record<string, string> = { 'content-type': o.sm4Key ? 'text/plain; charset=utf-8' : m.format === 'xml' ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8' }
    if (o.token) headers.authorization = `Bearer ${o.token}`
    if (o.sm4Key) headers['x-encrypt'] = 'SM4-CBC'
    if (o.hmacKey) {
      const ts = String(Date.now()); const nonce = crypto.randomUUID()
      Object.assign(headers, { 'x-timestamp': ts, 'x-nonce': nonce, 'x-signature': signature(o.hmacKey, ts, nonce, body) })
    }
    const request = maskIdNumbersIn(plain)
    try {
      const res = await fetch(o.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) })
      const text = await res.text()
      const reply = `${res.status} ${maskIdNumbersIn(text)}`
      const parsed = parseReply(text)
      const code = parsed.code ?? ''
      if (res.status === 429 || m.reply.throttled.includes(code)) return { outcome: 'throttled', acked: false, request, reply }
      if (res.status >= 500) return { outcome: 'failed', acked: false, request, reply }
      if (m.reply.ok.includes(code)) return { outcome: 'ok', acked: true, request, reply, provinceNo: parsed.provinceNo ?? undefined }
      if (m.reply.exists.includes(code)) return { outcome: 'exists', acked: true, request, reply, provinceNo: parsed.provinceNo ?? undefined }
      return { outcome: 'refused', acked: false, request, reply, reason: parsed.message || `HTTP ${res.status} ${text.slice(0, 200)}` }
    } catch (e) {
      return { outcome: 'failed', acked: false, request, reply: String((e as Error)?.message ?? e) }
    }
  }
  return {
    name: `push:${m.name}`,
    async deliver(records, _trx, now) {
      const batch = crypto.randomUUID()
      const out: (Delivery | undefined)[] = new Array(records.length).fill(undefined)
      // Throttled or down: nothing more is started this round (a case's later records never overtake an earlier one).
      let halted = false
      const byCase = new Map<number, number[]>()
      records.forEach((r, i) => byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), i]))
      const chains = [...byCase.values()]
      await Promise.all(Array.from({ length: Math.min(PUSH_IN_FLIGHT, chains.length) }, async () => {
        for (let chain = chains.shift(); chain && !halted; chain = chains.shift()) {
          for (const i of chain) {
            if (halted) break
            const d = await pushOne(records[i], now, batch)
            out[i] = d
            if (d.outcome === 'throttled' || d.outcome === 'failed') { halted = true; break }
          }
        }
      }))
      return out
    },
    async close() {},
  }
}
