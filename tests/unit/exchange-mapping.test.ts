// A province's mapping: a wrong line is refused naming it; the built-in vocabularies render a record's fields and
// codes; times are the true instant in China local time; SM4 and the HMAC signature round-trip.
import { describe, expect, it } from 'vitest'
import { chinaDateTime } from '../../src/domain/exchange-layout.js'
import { mappingFrom, parseMapping, renderBatch, renderRecord, type ExchangeRecordOut } from '../../src/domain/exchange-mapping.js'
import { loadExchangeConfig } from '../../src/features/exchange/exchange.config.js'
import { parseBatchReply, parseReply, planRequests, sm4Decrypt, sm4Encrypt } from '../../src/features/exchange/push.js'
import { signRatingFields } from '../../src/features/exchange/exchange.service.js'

const record: ExchangeRecordOut = {
  rowGuid: '2b7c4a3e-0000-4000-8000-000000000001', stage: 'result', seq: 0, operation: 'U', version: 2,
  payload: { project_no: 'D01202600001', task_code: '11420702MB1234567X000510401000', area_code: '420702000000', result_code: 'denied', result_time: '2026-03-02T01:30:00Z', result_desc: '<不符合>' },
}

describe('mapping files', () => {
  it('refuses an unknown field, code, table or directive with its line', () => {
    expect(() => parseMapping('format json\nfield UP_PRO_ACCEPT.nope = X\n', 'p')).toThrow(/第 2 行.*unknown field "UP_PRO_ACCEPT.nope"/)
    expect(() => parseMapping('# c\n\ncode result_code.revoked = 3', 'p')).toThrow(/第 3 行.*unknown code "result_code.revoked"/)
    expect(() => parseMapping('code colour.red = 1', 'p')).toThrow(/第 1 行.*unknown code list/)
    expect(() => parseMapping('table UP_PRO_X = T', 'p')).toThrow(/第 1 行.*unknown table/)
    expect(() => parseMapping('send everything', 'p')).toThrow(/第 1 行/)
    expect(() => parseMapping('format yaml', 'p')).toThrow(/第 1 行/)
  })

  it('a wrong mapping file stops the configuration (start-up) with the line', async () => {
    const fs = await import('node:fs'); const os = await import('node:os'); const path = await import('node:path')
    const f = path.join(os.tmpdir(), `mapping-${process.pid}.txt`)
    fs.writeFileSync(f, 'format xml\nfield *.SBLSH = SBLSH\n')
    try { expect(() => loadExchangeConfig({ EXCHANGE_MAPPING: f })).toThrow(/第 2 行.*unknown field "\*\.SBLSH"/) } finally { fs.rmSync(f) }
    expect(() => loadExchangeConfig({ EXCHANGE_MODE: 'push' })).toThrow(/EXCHANGE_PUSH_URL/)
    expect(() => loadExchangeConfig({ EXCHANGE_SM4_KEY: 'abc' })).toThrow(/EXCHANGE_SM4_KEY/)
    expect(loadExchangeConfig({}).mode).toBe('off')
  })

  it('national: JSON in national names and codes; dzjc: XML in SBLSH/SXBM/XZQHDM with its result codes', () => {
    const sync = { time: new Date('2026-03-02T02:00:00Z'), batch: 'b1', source: 'YIZHAN' }
    const j = JSON.parse(renderRecord(mappingFrom({ builtin: 'national' }), record, sync))
    expect(j).toMatchObject({ table: 'UP_PRO_RESULT', row_guid: record.rowGuid, cd_operation: 'U', version: '2', cd_time: '2026-03-02 10:00:00', data_source: 'YIZHAN' })
    expect(j.data).toMatchObject({ project_no: 'D01202600001', result_code: '2', result_time: '2026-03-02 09:30:00', province_no: null })
    const x = renderRecord(mappingFrom({ builtin: 'dzjc' }), record, sync)
    expect(x).toContain('<BLHJ>BJ</BLHJ>')
    expect(x).toContain('<SXBM>11420702MB1234567X000510401000</SXBM>')
    expect(x).toContain('<XZQHDM>420702000000</XZQHDM>')
    expect(x).toContain('<BJJGDM>7</BJJGDM>')
    expect(x).toContain('<BJJGMS>&lt;不符合&gt;</BJJGMS>')
    expect(x).toContain('<CZLX>U</CZLX><VERSION>2</VERSION>')
    expect(x).toContain('<SBLSH/>')
  })

  it('a payload field outside its table is an error, not silently dropped', () => {
    expect(() => renderRecord(mappingFrom({}), { ...record, payload: { ...record.payload, colour: 'red' } }, { time: new Date(), batch: '', source: '' })).toThrow(/colour/)
  })

  it('times are the instant itself in China time (never moved)', () => {
    expect(chinaDateTime('2026-12-31T16:30:05Z')).toBe('2027-01-01 00:30:05')
  })

  it('SM4-CBC round-trips; replies in JSON and XML; the rating page signature is over sorted pairs', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex')
    const c = sm4Encrypt(key, '<RECORD>办件</RECORD>')
    expect(c).not.toContain('RECORD')
    expect(sm4Decrypt(key, c)).toBe('<RECORD>办件</RECORD>')
    expect(parseReply('{"code":"0","message":"ok","province_no":"X1"}')).toEqual({ code: '0', message: 'ok', provinceNo: 'X1' })
    expect(parseReply('<RESULT><CODE>1001</CODE><MSG>已存在</MSG></RESULT>')).toEqual({ code: '1001', message: '已存在', provinceNo: null })
    expect(signRatingFields('k', { b: '2', a: '1' })).toBe(signRatingFields('k', { a: '1', b: '2' }))
  })
})

describe('several records a request', () => {
  it('a wrong batch line names its line; a batch renders each record in order; the reply is read per row_guid', () => {
    expect(() => parseMapping('format json\nbatch list = items', 'p')).toThrow(/第 2 行/)
    expect(() => parseMapping('batch request = 1x', 'p')).toThrow(/第 1 行/)
    const sync = { time: new Date('2026-03-02T02:00:00Z'), batch: 'b1', source: 'YIZHAN' }
    const two = [record, { ...record, rowGuid: '2b7c4a3e-0000-4000-8000-000000000002', operation: 'D' as const, version: 3 }]
    const j = JSON.parse(renderBatch(mappingFrom({ builtin: 'national' }), two, sync))
    expect(j.records.map((r: { row_guid: string; cd_operation: string }) => [r.row_guid, r.cd_operation])).toEqual([[record.rowGuid, 'U'], [two[1].rowGuid, 'D']])
    const dzjc = mappingFrom({ builtin: 'dzjc' })
    const x = renderBatch(dzjc, two, sync)
    expect(x.match(/<\?xml/g)).toHaveLength(1)
    expect(x).toMatch(/^<\?xml[^>]*><RECORDS><RECORD>.*<\/RECORD><RECORD>.*<CZLX>D<\/CZLX>.*<\/RECORD><\/RECORDS>$/)
    const reply = parseBatchReply(dzjc, `<RESULT><CODE>0</CODE><MSG>batch</MSG><ITEMS><ITEM><ROWGUID>${record.rowGuid}</ROWGUID><CODE>0</CODE><MSG>ok</MSG><SBLSH>42</SBLSH></ITEM><ITEM><ROWGUID>${two[1].rowGuid}</ROWGUID><CODE>2001</CODE><MSG>缺少 SXBM</MSG></ITEM></ITEMS></RESULT>`)
    expect(reply.code).toBe('0')
    expect(reply.items.get(record.rowGuid)).toEqual({ code: '0', message: 'ok', provinceNo: '42' })
    expect(reply.items.get(two[1].rowGuid)).toEqual({ code: '2001', message: '缺少 SXBM', provinceNo: null })
  })

  it('a request plan keeps a case\'s records together and in order, its 受理 first; a long case takes consecutive requests', () => {
    const r = (caseId: number | null, stage = 'process', version = 1) => ({ caseId, stage, version })
    // case 1: a step written before its 受理; case 2 short; case 3 longer than a request; two ratings without a case
    const plan = planRequests([r(1), r(1, 'accept'), r(2, 'accept'), r(3, 'accept'), r(3), r(3), r(3), r(null, 'rating'), r(null, 'rating')], 3)
    expect(plan).toEqual([[[1, 0, 2]], [[3, 4, 5], [6]], [[7, 8]]])
  })
})

describe('code lists cover every value Yizhan can report', () => {
  it('each step kind has a 环节名称 and each special procedure a 特别程序种类', async () => {
    const { CODE_LISTS } = await import('../../src/domain/exchange-layout.js')
    const { STEP_KINDS } = await import('../../src/domain/case-status.js')
    const { SPECIAL_PROCEDURES } = await import('../../src/domain/vocabulary.js')
    expect(STEP_KINDS.filter((k) => !(k in CODE_LISTS.node_name))).toEqual([])
    expect(SPECIAL_PROCEDURES.filter((k) => !(k in CODE_LISTS.special_type))).toEqual([])
  })
})
