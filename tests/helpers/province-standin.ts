// A stand-in of the province's 一体化政务服务平台 for tests and the benchmark. It receives HTTP pushes (JSON or XML,
// token, optional HMAC-SHA256 signature and SM4-CBC body, checked with its own code) and reads the staging tables
// like the province's job (setting received = 1, or 2 with a note). Every record is checked against the table's field
// list, its required fields and the code dictionary of the mapping it was told to expect; answers are scripted per
// request (ok, throttled, failure, refusal) and a row_guid seen before is answered "already exists".
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

export interface StandinOptions { mapping: Mapping; token?: string; hmacKey?: string; sm4Key?: Buffer; answers?: ProvinceAnswer[]; assignProvinceNo?: boolean; keepTimes?: boolean }

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
  let provinceSerial = 0
  const receivedAt: Record<string, number> = {}
  const m = o.mapping
  const tableOfName = new Map<string, NationalTable>()
  for (const [stage, name] of Object.entries(m.stageNames)) tableOfName.set(name, STAGE_TABLE[stage as keyof typeof STAGE_TABLE])

  function reply(res: http.ServerResponse, status: number, code: string, message: string, provinceNo?: string) {
    if (m.format === 'xml') {
      res.writeHead(status, { 'content-type': 'application/xml' })
      res.end(`<?xml version="1.0" encoding="UTF-8"?><RESULT><CODE>${code}</CODE><MSG>${message}</MSG>${provinceNo ? `<SBLSH>${provinceNo}</SBLSH>` : ''}</RESULT>`)
    } else {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ code, message, ...(provinceNo ? { province_no: provinceNo } : {}) }))
    }
  }

  function handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse) {
    requests++
    if (o.token && req.headers.authorization !== `Bearer ${o.token}`) return reply(res, 401, '401', 'token invalid')
    if (o.hmacKey) {
      const ts = String(req.headers['x-timestamp']); const nonce = String(req.headers['x-nonce'])
      const want = crypto.createHmac('sha256', o.hmacKey).update(`${ts}\n${nonce}\n${raw}`).digest('hex')
      if (req.headers['x-signature'] !== want || Math.abs(Date.now() - Number(ts)) > 300_000) return reply(res, 200, '403', '签名错误 signature mismatch')
    }
    let body = raw
    if (o.sm4Key) {
      if (req.headers['x-encrypt'] !== 'SM4-CBC') return reply(res, 200, '400', 'body not encrypted')
      const buf = Buffer.from(raw, 'base64')
      const d = crypto.createDecipheriv('sm4-cbc', o.sm4Key, buf.subarray(0, 16))
      body = Buffer.concat([d.update(buf.subarray(16)), d.final()]).toString('utf8')
    }
    let meta: Record<string, string | null | undefined>; let data: Record<string, string | null>
    if (m.format === 'xml') {
      const inner = /<DATA>(.*)<\/DATA>/s.exec(body)?.[1] ?? ''
      meta = Object.fromEntries(Object.values(m.meta).map((k) => [k, tagValue(body.replace(/<DATA>.*<\/DATA>/s, ''), k)]))
      data = {}
      for (const mm of inner.matchAll(/<([A-Za-z_0-9]+)(?:\/>|>([^<]*)<\/\1>)/g)) data[mm[1]] = mm[2] === undefined ? null : unescapeXml(mm[2])
    } else {
      const j = JSON.parse(body) as Record<string, unknown>
      meta = Object.fromEntries(Object.values(m.meta).map((k) => [k, j[k] as string]))
      data = j.data as Record<string, string | null>
    }
    const table = tableOfName.get(String(meta[m.meta.table]))
    const rowGuid = String(meta[m.meta.row_guid] ?? '')
    if (!table) return reply(res, 200, '400', `未知表 ${meta[m.meta.table]}`)
    const answer = script.shift() ?? 'ok'
    if (answer === 'throttled') return reply(res, 429, '1429', '请求过于频繁 throttled')
    if (answer === 'failure') return reply(res, 503, '500', '系统维护 service unavailable')
    if (seen.has(rowGuid)) { duplicates.push(rowGuid); return reply(res, 200, m.reply.exists[0], '记录已存在 already exists') }
    const nameToField = new Map(Object.entries(m.fields[table]).map(([f, n]) => [n, f]))
    const national: Record<string, string | null> = {}
    const extra: string[] = []
    for (const [k, v] of Object.entries(data)) { const f = nameToField.get(k); if (f) national[f] = v; else extra.push(k) }
    const missing = TABLE_FIELDS[table].filter((f) => !(f in national))
    const problems = [...checkRecord(m, table, national, extra), ...missing.map((f) => `缺少字段 ${m.fields[table][f]}`)]
    if (answer === 'refuse') problems.push('省平台拒收 (scripted)')
    if (problems.length) { refused.push({ rowGuid, reason: problems.join('；') }); return reply(res, 200, '2001', problems.join('；')) }
    seen.add(rowGuid)
    if (o.keepTimes) receivedAt[rowGuid] = Date.now()
    received.push({ via: 'push', table, rowGuid, operation: String(meta[m.meta.cd_operation]), version: String(meta[m.meta.version]), fields: data, national })
    const no = o.assignProvinceNo && table === 'UP_PRO_ACCEPT' && national.accept_state !== null ? `${national.area_code}${String(++provinceSerial).padStart(12, '0')}` : undefined
    return reply(res, 200, m.reply.ok[0], 'success', no)
  }

  const server = http.createServer((req, res) => {
    // what it holds, for a benchmark running it in a process of its own
    if (req.method === 'GET' && req.url === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ received: received.length, unique: seen.size, duplicates: duplicates.length, refused: refused.length, requests, ackedAt: receivedAt }))
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      try { handle(req, Buffer.concat(chunks).toString('utf8'), res) } catch (e) { reply(res, 400, '400', String((e as Error).message)) }
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
    script(...answers: ProvinceAnswer[]) { script.push(...answers) },
    readStaging,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
