// A stand-in of the province's 一体化政务服务平台 for tests and the benchmark. It receives HTTP pushes (JSON or XML,
// token, optional HMAC-SHA256 signature and SM4-CBC body, checked with its own code) and reads the staging tables
// like the province's job (setting received = 1, or 2 with a note). Every record is checked against the table's field
// list, its required fields and the code dictionary of the mapping it was told to expect; answers are scripted per
// request (throttled, failure) or per record (ok, refusal); a request may carry several records (the mapping's batch
// list), answered per record; a row_guid seen before is answered "already exists".
import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import { NATIONAL_TABLES, REQUIRED_FIELDS, STAGE_TABLE, TABLE_FIELDS, type NationalTable } from '../../src/domain/exchange-layout.js'
import type { Mapping } from '../../src/domain/exchange-mapping.js'

export type ProvinceAnswer = 'ok' | 'throttled' | 'failure' | 'refuse'
export interface ProvinceRecord {
  via: 'push' | 'staging'; table: NationalTable; rowGuid: string; operation: string; version: string; fields: Record<string, string | null>
  /** The same fields in national names (for assertions whatever the mapping). */
  national: Record<string, string | null>
}

export interface StandinOptions { mapping: Mapping; token?: string; hmacKey?: string; sm4Key?: Buffer; answers?: ProvinceAnswer[]; assignProvinceNo?: boolean; keepTimes?: boolean; replyDelayMs?: number }

const tagValue = (xml: string, tag: string) => { const m = new RegExp(`<${tag}>([^<]*)</${tag}>|<${tag}/>`).exec(xml); return m ? (m[1] === undefined ? null : unescapeXml(m[1])) : undefined }
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')

/** Problems of one record against the layout and the mapping's dictionary (empty: accepted). */
export function checkRecord(m: Mapping, table: NationalTable, national: Record<string, string | null>, extra: string[]): string[] {
  const problems: string[] = extra.map((f) => `未知字段 ${f}`)
  for (const f of REQUIRED_FIELDS[table]) if (national[f] === null || national[f] === undefined || national[f] === '') problems.push(`缺少必填字段 ${m.fields[table][f]}`)
  for (const [f, v] of Object.entries(national)) {
    const list = m.codes[f]
    if (list && v !== null && !Object.values(list).includes(v)) problems.push(`代码 ${m.fields[table][f]}=${v} 不在字典中`)
    if (f.endsWith('_time') && v !== null && !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(v)) problems.push(`时间格式 ${m.fields[table][f]}=${v}`)
  }
  if (national.area_code && !/^\d{12}$/.test(national.area_code)) problems.push(`区划代码应为 12 位: ${national.area_code}`)
  return problems
}

export async function startProvinceStandin(o: StandinOptions) {
  const script = [...(o.answers ?? [])]
  const received: ProvinceRecord[] = []
  const refused: { rowGuid: string; reason: string }[] = []
  const seen = new Set<string>()
  const duplicates: string[] = []
  let requests = 0
  let batches = 0
  let inFlight = 0
  let provinceSerial = 0
  const receivedAt: Record<string, number> = {}
  const m = o.mapping
  const tableOfName = new Map<string, NationalTable>()
  for (const [stage, name] of Object.entries(m.stageNames)) tableOfName.set(name, STAGE_TABLE[stage as keyof typeof STAGE_TABLE])

  interface Answer { code: string; message: string; provinceNo?: string; rowGuid?: string }
  const xmlAnswer = (x: Answer) => `<CODE>${x.code}</CODE><MSG>${x.message}</MSG>${x.provinceNo ? `<SBLSH>${x.provinceNo}</SBLSH>` : ''}`
  function reply(res: http.ServerResponse, status: number, top: Answer, items?: Answer[]) {
    const send = () => {
      inFlight--
      if (m.format === 'xml') {
        res.writeHead(status, { 'content-type': 'application/xml' })
        const list = items ? `<${m.batch.reply}>${items.map((x) => `<ITEM><${m.meta.row_guid}>${x.rowGuid}</${m.meta.row_guid}>${xmlAnswer(x)}</ITEM>`).join('')}</${m.batch.reply}>` : ''
        res.end(`<?xml version="1.0" encoding="UTF-8"?><RESULT>${xmlAnswer(top)}${list}</RESULT>`)
      } else {
        res.writeHead(status, { 'content-type': 'application/json' })
        const one = (x: Answer) => ({ code: x.code, message: x.message, ...(x.provinceNo ? { province_no: x.provinceNo } : {}) })
        res.end(JSON.stringify({ ...one(top), ...(items ? { [m.batch.reply]: items.map((x) => ({ [m.meta.row_guid]: x.rowGuid, ...one(x) })) } : {}) }))
      }
    }
    // a slow province: what it took is held (and would be "already exists" if sent again) before the sender hears so
    if (o.replyDelayMs) setTimeout(send, o.replyDelayMs); else send()
  }

  /** One record of a request (its XML or JSON object): taken, "already exists", or refused with the reasons. */
  function takeRecord(rec: string | Record<string, unknown>, answer: ProvinceAnswer): Answer {
    let meta: Record<string, string | null | undefined>; let data: Record<string, string | null>
    if (typeof rec === 'string') {
      const inner = /<DATA>(.*)<\/DATA>/s.exec(rec)?.[1] ?? ''
      meta = Object.fromEntries(Object.values(m.meta).map((k) => [k, tagValue(rec.replace(/<DATA>.*<\/DATA>/s, ''), k)]))
      data = {}
      for (const mm of inner.matchAll(/<([A-Za-z_0-9]+)(?:\/>|>([^<]*)<\/\1>)/g)) data[mm[1]] = mm[2] === undefined ? null : unescapeXml(mm[2])
    } else {
      meta = Object.fromEntries(Object.values(m.meta).map((k) => [k, rec[k] as string]))
      data = rec.data as Record<string, string | null>
    }
    const table = tableOfName.get(String(meta[m.meta.table]))
    const rowGuid = String(meta[m.meta.row_guid] ?? '')
    if (!table) return { rowGuid, code: '400', message: `未知表 ${meta[m.meta.table]}` }
    if (seen.has(rowGuid)) { duplicates.push(rowGuid); return { rowGuid, code: m.reply.exists[0], message: '记录已存在 already exists' } }
    const nameToField = new Map(Object.entries(m.fields[table]).map(([f, n]) => [n, f]))
    const national: Record<string, string | null> = {}
    const extra: string[] = []
    for (const [k, v] of Object.entries(data)) { const f = nameToField.get(k); if (f) national[f] = v; else extra.push(k) }
    const missing = TABLE_FIELDS[table].filter((f) => !(f in national))
    const problems = [...checkRecord(m, table, national, extra), ...missing.map((f) => `缺少字段 ${m.fields[table][f]}`)]
    const operation = String(meta[m.meta.cd_operation])
    if (!['I', 'U', 'D'].includes(operation)) problems.push(`操作类型 ${operation} 不对`)
    if (answer === 'refuse') problems.push('省平台拒收 (scripted)')
    if (problems.length) { refused.push({ rowGuid, reason: problems.join('；') }); return { rowGuid, code: '2001', message: problems.join('；') } }
    seen.add(rowGuid)
    if (o.keepTimes) receivedAt[rowGuid] = Date.now()
    received.push({ via: 'push', table, rowGuid, operation, version: String(meta[m.meta.version]), fields: data, national })
    const no = o.assignProvinceNo && table === 'UP_PRO_ACCEPT' && national.accept_state !== null ? `${national.area_code}${String(++provinceSerial).padStart(12, '0')}` : undefined
    return { rowGuid, code: m.reply.ok[0], message: 'success', provinceNo: no }
  }

  function handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse) {
    requests++
    inFlight++
    if (o.token && req.headers.authorization !== `Bearer ${o.token}`) return reply(res, 401, { code: '401', message: 'token invalid' })
    if (o.hmacKey) {
      const ts = String(req.headers['x-timestamp']); const nonce = String(req.headers['x-nonce'])
      const want = crypto.createHmac('sha256', o.hmacKey).update(`${ts}\n${nonce}\n${raw}`).digest('hex')
      if (req.headers['x-signature'] !== want || Math.abs(Date.now() - Number(ts)) > 300_000) return reply(res, 200, { code: '403', message: '签名错误 signature mismatch' })
    }
    let body = raw
    if (o.sm4Key) {
      if (req.headers['x-encrypt'] !== 'SM4-CBC') return reply(res, 200, { code: '400', message: 'body not encrypted' })
      const buf = Buffer.from(raw, 'base64')
      const d = crypto.createDecipheriv('sm4-cbc', o.sm4Key, buf.subarray(0, 16))
      body = Buffer.concat([d.update(buf.subarray(16)), d.final()]).toString('utf8')
    }
    // throttling and outages answer the whole request; a refusal falls on one record
    if (script[0] === 'throttled' || script[0] === 'failure') {
      const a = script.shift()
      return a === 'throttled' ? reply(res, 429, { code: '1429', message: '请求过于频繁 throttled' }) : reply(res, 503, { code: '500', message: '系统维护 service unavailable' })
    }
    const next = () => script.shift() ?? 'ok'
    if (m.format === 'xml') {
      const list = new RegExp(`<${m.batch.request}>(.*)</${m.batch.request}>`, 's').exec(body)?.[1]
      if (list === undefined) { const one = takeRecord(body, next()); return reply(res, 200, one) }
      batches++
      return reply(res, 200, { code: m.reply.ok[0], message: 'batch' }, [...list.matchAll(/<RECORD>.*?<\/RECORD>/gs)].map((x) => takeRecord(x[0], next())))
    }
    const j = JSON.parse(body) as Record<string, unknown>
    const list = j[m.batch.request]
    if (!Array.isArray(list)) { const one = takeRecord(j, next()); return reply(res, 200, one) }
    batches++
    return reply(res, 200, { code: m.reply.ok[0], message: 'batch' }, (list as Record<string, unknown>[]).map((x) => takeRecord(x, next())))
  }

  const server = http.createServer((req, res) => {
    // what it holds, for a benchmark running it in a process of its own
    if (req.method === 'GET' && req.url === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ received: received.length, unique: seen.size, duplicates: duplicates.length, refused: refused.length, requests, batches, inFlight, ackedAt: receivedAt }))
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      try { handle(req, Buffer.concat(chunks).toString('utf8'), res) } catch (e) { reply(res, 400, { code: '400', message: String((e as Error).message) }) }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))

  /** The province's job over the staging tables: takes every new row (received = 1) or refuses it (2, with the reason). */
  async function readStaging(url: string, schema: string): Promise<number> {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    let n = 0
    try {
      for (const t of NATIONAL_TABLES) {
        const { rows } = await client.query(`select * from "${schema}"."${t.toLowerCase()}" where received is null order by cd_time, row_guid`)
        for (const r of rows) {
          const national = Object.fromEntries(TABLE_FIELDS[t].map((f) => [f, r[f] as string | null]))
          const problems = checkRecord(m, t, national, [])
          if (!r.row_guid || !['I', 'U', 'D'].includes(r.cd_operation) || !r.cd_batch || !r.data_source) problems.push('同步字段缺失')
          if (script[0] === 'refuse') { script.shift(); problems.push('省平台拒收 (scripted)') }
          if (problems.length) {
            refused.push({ rowGuid: r.row_guid, reason: problems.join('；') })
            await client.query(`update "${schema}"."${t.toLowerCase()}" set received = 2, received_at = now(), received_note = $2 where row_guid = $1`, [r.row_guid, problems.join('；')])
          } else {
            if (seen.has(r.row_guid)) duplicates.push(r.row_guid)
            seen.add(r.row_guid)
            received.push({ via: 'staging', table: t, rowGuid: r.row_guid, operation: r.cd_operation, version: String(r.version), fields: national, national })
            await client.query(`update "${schema}"."${t.toLowerCase()}" set received = 1, received_at = now() where row_guid = $1`, [r.row_guid])
          }
          n++
        }
      }
    } finally { await client.end() }
    return n
  }

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/records`,
    received, refused, duplicates,
    get requests() { return requests },
    /** Requests that carried several records. */
    get batches() { return batches },
    /** Requests taken whose reply is not yet sent (replyDelayMs). */
    get inFlight() { return inFlight },
    script(...answers: ProvinceAnswer[]) { script.push(...answers) },
    readStaging,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
