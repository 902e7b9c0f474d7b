// Adapter B, HTTP push: one record a request, or several (EXCHANGE_PUSH_BATCH), in the province's names, codes and
// format (the mapping), with its access token, an optional HMAC-SHA256 signature header and an optional SM4-CBC
// encrypted body (Node's OpenSSL has sm4-cbc). The reply decides: ok and "already exists" acknowledge, throttling and outages are retried with backoff,
// any other answer is a refusal kept with its reason; of a batch each record by its own result (a partial refusal
// refuses only those records). Each record's request and reply is logged with ID numbers masked.
import crypto from 'node:crypto'
import { renderBatch, renderRecord, type Mapping } from '../../domain/exchange-mapping.js'
import { maskIdNumbersIn } from '../../domain/id-number.js'
import type { Claimed } from './exchange.repository.js'
import type { Adapter, Delivery } from './sender.js'

export interface PushOptions {
  url: string; mapping: Mapping; token?: string; hmacKey?: string; sm4Key?: Buffer; dataSource: string; timeoutMs?: number
  /** Records a request (1: one record as is; more: the mapping's batch list, results per record). */
  batchSize?: number
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
    return pickReply(JSON.parse(text) as Record<string, unknown>)
  } catch {
    return xmlReply(text.replace(/<ITEMS>.*<\/ITEMS>/s, ''))
  }
}

function pickReply(j: Record<string, unknown>) {
  const pick = (...k: string[]) => { for (const x of k) if (j[x] !== undefined && j[x] !== null) return String(j[x]); return null }
  return { code: pick('code', 'CODE', 'resultCode'), message: pick('message', 'msg', 'MSG', 'MESSAGE') ?? '', provinceNo: pick('province_no', 'sblsh', 'SBLSH') }
}
function xmlReply(text: string) {
  const tag = (t: string) => new RegExp(`<${t}>([^<]*)</${t}>`, 'i').exec(text)?.[1] ?? null
  return { code: tag('CODE'), message: tag('MSG') ?? tag('MESSAGE') ?? '', provinceNo: tag('SBLSH') }
}

/** A reply to several records: the request's own code and message, and each record's result by its row_guid. */
export function parseBatchReply(m: Mapping, text: string) {
  const items = new Map<string, { code: string | null; message: string; provinceNo: string | null }>()
  try {
    const j = JSON.parse(text) as Record<string, unknown>
    const list = Array.isArray(j[m.batch.reply]) ? j[m.batch.reply] as Record<string, unknown>[] : []
    for (const it of list) if (it && it[m.meta.row_guid] !== undefined) items.set(String(it[m.meta.row_guid]), pickReply(it))
    return { ...pickReply(j), items }
  } catch {
    const inner = new RegExp(`<${m.batch.reply}>(.*)</${m.batch.reply}>`, 's').exec(text)?.[1] ?? ''
    for (const it of inner.matchAll(/<ITEM>(.*?)<\/ITEM>/gs)) {
      const guid = new RegExp(`<${m.meta.row_guid}>([^<]*)</${m.meta.row_guid}>`).exec(it[1])?.[1]
      if (guid) items.set(guid, xmlReply(it[1]))
    }
    return { ...xmlReply(text.replace(/<ITEMS>.*<\/ITEMS>/s, '').replace(new RegExp(`<${m.batch.reply}>.*</${m.batch.reply}>`, 's'), '')), items }
  }
}

/** Requests in flight at once: different cases go side by side, a case's own records one after another. */
export const PUSH_IN_FLIGHT = 8

/**
 * The requests of a round: a case's records stay together and in order (its 受理 first), several cases share a
 * request up to `size` records; a case with more records than that takes consecutive requests of its own lane.
 * Each lane is a list of requests sent one after another; lanes go side by side.
 */
export function planRequests<T extends { caseId: number | null; stage: string; version: number }>(records: readonly T[], size: number): number[][][] {
  const byCase = new Map<number | string, number[]>()
  // a rating without a case is a chain of its own (its versions never share a round)
  records.forEach((r, i) => { const k = r.caseId ?? `r${i}`; byCase.set(k, [...(byCase.get(k) ?? []), i]) })
  const first = (i: number) => (records[i].stage === 'accept' && records[i].version === 1 ? 0 : 1)
  const lanes: number[][][] = []
  let open: number[] | undefined
  for (const chain0 of byCase.values()) {
    const chain = [...chain0].sort((a, b) => first(a) - first(b) || a - b)
    if (chain.length > size) {
      const lane: number[][] = []
      for (let i = 0; i < chain.length; i += size) lane.push(chain.slice(i, i + size))
      lanes.push(lane)
      continue
    }
    if (!open || open.length + chain.length > size) { open = []; lanes.push([open]) }
    open.push(...chain)
  }
  return lanes
}

export function pushAdapter(o: PushOptions): Adapter {
  const m = o.mapping
  const size = o.batchSize ?? 1
  /** One request: a single record as is, several in the mapping's batch list; a delivery per record. */
  async function push(rs: Claimed[], now: Date, batch: string): Promise<Delivery[]> {
    const sync = { time: now, batch, source: o.dataSource }
    const plain = size === 1 ? renderRecord(m, rs[0], sync) : renderBatch(m, rs, sync)
    const body = o.sm4Key ? sm4Encrypt(o.sm4Key, plain) : plain
    const headers: Record<string, string> = { 'content-type': o.sm4Key ? 'text/plain; charset=utf-8' : m.format === 'xml' ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8' }
    if (o.token) headers.authorization = `Bearer ${o.token}`
    if (o.sm4Key) headers['x-encrypt'] = 'SM4-CBC'
    if (o.hmacKey) {
      const ts = String(Date.now()); const nonce = crypto.randomUUID()
      Object.assign(headers, { 'x-timestamp': ts, 'x-nonce': nonce, 'x-signature': signature(o.hmacKey, ts, nonce, body) })
    }
    // each record's log carries its own rendering (ID numbers masked) and, of a batch, the request it went in
    const request = (r: Claimed) => maskIdNumbersIn(size === 1 ? plain : `${renderRecord(m, r, sync)}\n(${rs.length} records a request, batch ${batch})`)
    const all = (d: Omit<Delivery, 'request'>) => rs.map((r) => ({ ...d, request: request(r) }))
    let res: Response; let text: string
    try {
      res = await fetch(o.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) })
      text = await res.text()
    } catch (e) {
      return all({ outcome: 'failed', acked: false, reply: String((e as Error)?.message ?? e) })
    }
    const reply = `${res.status} ${maskIdNumbersIn(text)}`
    const top = size === 1 ? { ...parseReply(text), items: new Map<string, ReturnType<typeof parseReply>>() } : parseBatchReply(m, text)
    if (res.status === 429 || m.reply.throttled.includes(top.code ?? '')) return all({ outcome: 'throttled', acked: false, reply })
    if (res.status >= 500) return all({ outcome: 'failed', acked: false, reply })
    return rs.map((r) => {
      const own = size === 1 ? top : top.items.get(r.rowGuid)
      // a batch reply without this record's result: the request was not refused, so it is asked again (an
      // "already exists" then acknowledges it); a refusal of the whole request refuses each record with its reason
      if (!own) {
        return m.reply.ok.includes(top.code ?? '') || m.reply.exists.includes(top.code ?? '')
          ? { outcome: 'failed' as const, acked: false, request: request(r), reply: `${reply} (no result for this record)` }
          : { outcome: 'refused' as const, acked: false, request: request(r), reply, reason: top.message || `HTTP ${res.status} ${text.slice(0, 200)}` }
      }
      const code = own.code ?? ''
      const itemReply = size === 1 ? reply : `${res.status} ${code} ${maskIdNumbersIn(own.message)}`
      if (m.reply.throttled.includes(code)) return { outcome: 'throttled' as const, acked: false, request: request(r), reply: itemReply }
      if (m.reply.ok.includes(code)) return { outcome: 'ok' as const, acked: true, request: request(r), reply: itemReply, provinceNo: own.provinceNo ?? undefined }
      if (m.reply.exists.includes(code)) return { outcome: 'exists' as const, acked: true, request: request(r), reply: itemReply, provinceNo: own.provinceNo ?? undefined }
      return { outcome: 'refused' as const, acked: false, request: request(r), reply: itemReply, reason: own.message || `HTTP ${res.status} ${text.slice(0, 200)}` }
    })
  }
  return {
    name: `push:${m.name}`,
    async deliver(records, _trx, now) {
      const batch = crypto.randomUUID()
      const out: (Delivery | undefined)[] = new Array(records.length).fill(undefined)
      // Throttled or down: nothing more is started this round (a case's later records never overtake an earlier one).
      let halted = false
      const lanes = planRequests(records, size)
      await Promise.all(Array.from({ length: Math.min(PUSH_IN_FLIGHT, lanes.length) }, async () => {
        for (let lane = lanes.shift(); lane && !halted; lane = lanes.shift()) {
          for (const req of lane) {
            if (halted) break
            const ds = await push(req.map((i) => records[i]), now, batch)
            ds.forEach((d, k) => { out[req[k]] = d })
            if (ds.some((d) => d.outcome === 'throttled' || d.outcome === 'failed')) { halted = true; break }
          }
        }
      }))
      return out
    },
    async close() {},
  }
}
