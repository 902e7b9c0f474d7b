// A province's vocabulary for the pushed records: its table (or stage) names, field names, codes and reply codes, as a
// small text file checked line by line at start-up (an unknown table, field, code list or code names its line).
// Two are built in: the national layout as it is, and the older 电子监察 vocabulary (SBLSH, SXBM, XZQHDM; XML).
import {
  CODE_LISTS, EXCHANGE_STAGES, NATIONAL_TABLES, SEQ_FIELD, STAGE_TABLE, TABLE_FIELDS, chinaDateTime, isTimeField,
  type ExchangeStage, type NationalTable,
} from './exchange-layout.js'

export const META_FIELDS = ['table', 'row_guid', 'cd_operation', 'version', 'cd_time', 'cd_batch', 'data_source'] as const
type Meta = (typeof META_FIELDS)[number]

export interface Mapping {
  name: string
  format: 'json' | 'xml'
  /** What the province calls each stage's table (stage names first, then the national table's). */
  stageNames: Record<ExchangeStage, string>
  fields: Record<NationalTable, Record<string, string>>
  codes: Record<string, Record<string, string>>
  meta: Record<Meta, string>
  reply: { ok: string[]; exists: string[]; throttled: string[] }
  /** Several records a request: the request's list of records and the reply's list of per-record results. */
  batch: { request: string; reply: string }
}

export class MappingError extends Error {}

function base(name: string): Mapping {
  return {
    name, format: 'json',
    stageNames: Object.fromEntries(EXCHANGE_STAGES.map((s) => [s, STAGE_TABLE[s]])) as Record<ExchangeStage, string>,
    fields: Object.fromEntries(NATIONAL_TABLES.map((t) => [t, Object.fromEntries(TABLE_FIELDS[t].map((f) => [f, f]))])) as Mapping['fields'],
    codes: Object.fromEntries(Object.entries(CODE_LISTS).map(([k, v]) => [k, { ...v }])),
    meta: Object.fromEntries(META_FIELDS.map((m) => [m, m])) as Record<Meta, string>,
    reply: { ok: ['0'], exists: ['1001'], throttled: ['1429'] },
    batch: { request: 'records', reply: 'results' },
  }
}

/**
 * Reads a mapping file over the national defaults. Lines (# starts a comment):
 *   format json|xml · stage <stage>=<NAME> · table <UP_PRO_*>=<NAME> · field <UP_PRO_*|*>.<field>=<NAME>
 *   code <list>.<yizhan code>=<CODE> · meta <row_guid|cd_operation|…>=<NAME> · reply ok|exists|throttled=<code>[,<code>]
 *   batch request|reply=<NAME> (the list of records of a request with several, and the reply's list of results)
 */
export function parseMapping(text: string, name: string): Mapping {
  const m = base(name)
  const repliesSet = new Set<string>()
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim()
    if (!line) return
    const bad = (why: string): never => { throw new MappingError(`映射 ${name} 第 ${i + 1} 行有误 (mapping line ${i + 1}): ${why}: ${raw.trim()}`) }
    const hit = /^(\w+)\s+([^=\s]+)\s*(?:=\s*(.+))?$/.exec(line)
    if (!hit) bad('应为 指令 名称 = 值')
    const [, directive, key, value0] = hit!
    const value = (value0 ?? '').trim()
    if (directive === 'format') {
      if (key !== 'json' && key !== 'xml') bad('format 应为 json 或 xml')
      m.format = key as 'json' | 'xml'
      return
    }
    if (!value) bad('缺少 = 值')
    switch (directive) {
      case 'stage':
        if (!(EXCHANGE_STAGES as readonly string[]).includes(key)) bad(`未知环节 unknown stage "${key}"`)
        m.stageNames[key as ExchangeStage] = value
        return
      case 'table':
        if (!(NATIONAL_TABLES as readonly string[]).includes(key)) bad(`未知表 unknown table "${key}"`)
        for (const s of EXCHANGE_STAGES) if (STAGE_TABLE[s] === key) m.stageNames[s] = value
        return
      case 'field': {
        const [table, field] = key.split('.')
        const tables = table === '*' ? NATIONAL_TABLES.filter((t) => TABLE_FIELDS[t].includes(field)) : [table]
        if (table !== '*' && !(NATIONAL_TABLES as readonly string[]).includes(table)) bad(`未知表 unknown table "${table}"`)
        if (!tables.length || !tables.every((t) => TABLE_FIELDS[t as NationalTable].includes(field))) bad(`未知字段 unknown field "${key}"`)
        for (const t of tables) m.fields[t as NationalTable][field] = value
        return
      }
      case 'code': {
        const [list, code] = key.split('.')
        if (!m.codes[list]) bad(`未知代码表 unknown code list "${list}"`)
        if (!(code in CODE_LISTS[list])) bad(`未知代码 unknown code "${key}"（可用: ${Object.keys(CODE_LISTS[list]).join(', ')}）`)
        m.codes[list][code] = value
        return
      }
      case 'meta':
        if (!(META_FIELDS as readonly string[]).includes(key)) bad(`未知同步字段 unknown meta field "${key}"`)
        m.meta[key as Meta] = value
        return
      case 'reply':
        if (key !== 'ok' && key !== 'exists' && key !== 'throttled') bad('reply 应为 ok、exists 或 throttled')
        if (!repliesSet.has(key)) { m.reply[key as 'ok'] = []; repliesSet.add(key) }
        m.reply[key as 'ok'].push(...value.split(',').map((s) => s.trim()).filter(Boolean))
        return
      case 'batch':
        if (key !== 'request' && key !== 'reply') bad('batch 应为 request 或 reply')
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) bad('batch 名称应为字母、数字或下划线')
        m.batch[key as 'request'] = value
        return
      default:
        bad(`未知指令 unknown directive "${directive}"`)
    }
  })
  return m
}

export const NATIONAL_MAPPING_TEXT = '# the national layout as it is (UP_PRO_*, lower-case field names, national codes); JSON\nformat json\n'

/** The older 电子监察 vocabulary several provinces still run (stage tables 受理 / 补交告知 / 补交受理 / 审批环节 / 特别程序 / 办结). */
export const DZJC_MAPPING_TEXT = `# 电子监察 vocabulary, XML
format xml
stage accept = SL
stage correction_notice = BJGZ
stage correction_accept = BJSL
stage process = SPHJ
stage special = TBCX
stage result = BJ
stage material = SQCL
stage rating = PJ
field *.province_no = SBLSH
field *.project_no = SBLSH_SHORT
field *.task_code = SXBM
field *.task_version = SXBBH
field *.catalog_code = JBBM
field *.task_name = SXMC
field *.org_code = SLBMZZJGDM
field *.org_name = SLBMMC
field *.area_code = XZQHDM
field UP_PRO_ACCEPT.applicant_type = SQRLX
field UP_PRO_ACCEPT.applicant_name = SQRMC
field UP_PRO_ACCEPT.cert_type = SQRZJLX
field UP_PRO_ACCEPT.cert_no = SQRZJHM
field UP_PRO_ACCEPT.legal_person = FRDB
field UP_PRO_ACCEPT.contact_phone = LXRSJ
field UP_PRO_ACCEPT.apply_time = SQSJ
field UP_PRO_ACCEPT.accept_time = SLSJ
field UP_PRO_ACCEPT.accept_doc_no = SLWSBH
field UP_PRO_ACCEPT.promise_date = CNBJSJ
field UP_PRO_ACCEPT.accept_state = SLZT
field UP_PRO_ACCEPT.refuse_reason = BYSLYY
field UP_PRO_PROCESS.node_seq = HJXH
field UP_PRO_PROCESS.node_name = HJMC
field UP_PRO_PROCESS.action_code = YWDZ
field UP_PRO_PROCESS.handler_name = BLRXM
field UP_PRO_PROCESS.handler_org = BLBM
field UP_PRO_PROCESS.handler_center = BLZX
field UP_PRO_PROCESS.opinion = BLYJ
field UP_PRO_PROCESS.start_time = KSSJ
field UP_PRO_PROCESS.end_time = JSSJ
field UP_PRO_PROCESS.doc_no = WSBH
field UP_PRO_RESULT.result_time = BJSJ
field UP_PRO_RESULT.result_code = BJJGDM
field UP_PRO_RESULT.result_desc = BJJGMS
field UP_PRO_RESULT.cert_name = ZZMC
field UP_PRO_RESULT.cert_no = ZZBH
field UP_PRO_RESULT.delivery_type = SDFS
field UP_PRO_RESULT.delivery_time = SDSJ
field UP_PRO_RESULT.pickup_time = LQSJ
field UP_PRO_RESULT.satisfaction = MYD
field UP_PRO_SPECIAL_PROCEDURE.special_seq = TBCXXH
field UP_PRO_SPECIAL_PROCEDURE.special_type = TBCXZL
field UP_PRO_SPECIAL_PROCEDURE.special_reason = TBCXYY
field UP_PRO_SPECIAL_PROCEDURE.start_time = TBCXKSSJ
field UP_PRO_SPECIAL_PROCEDURE.end_time = TBCXJSSJ
field UP_PRO_SPECIAL_PROCEDURE.special_result = TBCXJG
field UP_PRO_SPECIAL_PROCEDURE.doc_no = WSBH
field UP_PRO_MATERIAL.material_seq = CLXH
field UP_PRO_MATERIAL.material_name = CLMC
field UP_PRO_MATERIAL.receive_type = SJFS
field UP_PRO_MATERIAL.material_count = CLSL
field UP_PRO_MATERIAL.attachment = FJ
field UP_PRO_EVALUATION.evaluate_object = PJDX
field UP_PRO_EVALUATION.evaluate_level = PJDJ
field UP_PRO_EVALUATION.evaluate_content = PJNR
field UP_PRO_EVALUATION.evaluate_addendum = ZPNR
field UP_PRO_EVALUATION.evaluate_time = PJSJ
field UP_PRO_EVALUATION.evaluate_channel = PJQD
field UP_PRO_EVALUATION.evaluate_provenance = PJLY
# result codes of this vocabulary: 准予 6, 不予 7 (异常终止 2 and 撤销 3 have no Yizhan outcome)
code result_code.approved = 6
code result_code.denied = 7
code result_code.answered = 6
meta table = BLHJ
meta row_guid = ROWGUID
meta cd_operation = CZLX
meta version = VERSION
meta cd_time = SJC
meta cd_batch = PCH
meta data_source = SJLY
reply ok = 0
reply exists = 1001
reply throttled = 1429
batch request = RECORDS
batch reply = ITEMS
`

/** A built-in mapping by name (national, dzjc) or the text of a province's own file. */
export function mappingFrom(nameOrText: { builtin?: string; text?: string; file?: string }): Mapping {
  if (nameOrText.text !== undefined) return parseMapping(nameOrText.text, nameOrText.file ?? 'custom')
  if (nameOrText.builtin === 'dzjc') return parseMapping(DZJC_MAPPING_TEXT, 'dzjc')
  if (!nameOrText.builtin || nameOrText.builtin === 'national') return parseMapping(NATIONAL_MAPPING_TEXT, 'national')
  throw new MappingError(`未知的内置映射 unknown built-in mapping "${nameOrText.builtin}" (national, dzjc, or a file path)`)
}

export interface ExchangeRecordOut {
  rowGuid: string; stage: ExchangeStage; seq: number; operation: 'I' | 'U' | 'D'; version: number; payload: Record<string, unknown>
}

/** The national row of a record: exactly its table's fields (null when absent), seq filled, times as China local time. */
export function nationalRow(r: ExchangeRecordOut, codes: Mapping['codes']): { table: NationalTable; row: Record<string, string | null> } {
  const table = STAGE_TABLE[r.stage]
  const known = TABLE_FIELDS[table]
  const unknown = Object.keys(r.payload).filter((k) => !known.includes(k))
  if (unknown.length) throw new Error(`exchange payload of ${r.stage} has fields outside ${table}: ${unknown.join(', ')}`)
  const row: Record<string, string | null> = {}
  for (const f of known) {
    let v = f === SEQ_FIELD[table] ? r.seq : r.payload[f]
    if (v === undefined || v === null || v === '') { row[f] = null; continue }
    if (isTimeField(f)) v = chinaDateTime(String(v))
    else if (codes[f]) v = codes[f][String(v)] ?? String(v)
    row[f] = String(v)
  }
  return { table, row }
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const XML_PROLOG = '<?xml version="1.0" encoding="UTF-8"?>'

/**
 * The body of a request with several records: JSON `{ "<batch request>": [record, …] }`, XML
 * `<RECORDS><RECORD>…</RECORD>…</RECORDS>` (the names from the mapping's batch line), records in the given order.
 */
export function renderBatch(m: Mapping, rs: readonly ExchangeRecordOut[], sync: { time: Date; batch: string; source: string }): string {
  const parts = rs.map((r) => renderRecord(m, r, sync))
  if (m.format === 'json') return `{${JSON.stringify(m.batch.request)}:[${parts.join(',')}]}`
  return `${XML_PROLOG}<${m.batch.request}>${parts.map((p) => p.slice(XML_PROLOG.length)).join('')}</${m.batch.request}>`
}

/** The body pushed for one record, in the province's names, codes and format. */
export function renderRecord(m: Mapping, r: ExchangeRecordOut, sync: { time: Date; batch: string; source: string }): string {
  const { table, row } = nationalRow(r, m.codes)
  const data: Record<string, string | null> = {}
  for (const [f, v] of Object.entries(row)) data[m.fields[table][f]] = v
  const meta: Record<string, string> = {
    [m.meta.table]: m.stageNames[r.stage], [m.meta.row_guid]: r.rowGuid, [m.meta.cd_operation]: r.operation,
    [m.meta.version]: String(r.version), [m.meta.cd_time]: chinaDateTime(sync.time), [m.meta.cd_batch]: sync.batch, [m.meta.data_source]: sync.source,
  }
  if (m.format === 'json') return JSON.stringify({ ...meta, data })
  const el = (k: string, v: string | null) => (v === null ? `<${k}/>` : `<${k}>${xmlEscape(v)}</${k}>`)
  return `${XML_PROLOG}<RECORD>${Object.entries(meta).map(([k, v]) => el(k, v)).join('')}<DATA>${Object.entries(data).map(([k, v]) => el(k, v)).join('')}</DATA></RECORD>`
}
