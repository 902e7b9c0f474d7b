// Excel: the template, the export of published items, the round trip export → edit → import, and a broken
// file answered with every problem by sheet, row and column and nothing written.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../src/features/audit/audit.repository.js'
import { itemCode } from '../helpers/item-code.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
const NEW1 = itemCode(1, '000116001000'), NEW2 = itemCode(2, '000116001000') // the template's example row
let admin: Client, donggou: Client, clerk: Client
const center: Record<string, number> = {}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  for (const c of await t.db.selectFrom('centers').select(['id', 'code']).execute()) center[c.code] = c.id
  ;[admin, donggou, clerk] = await Promise.all(['admin', 'donggou.manager', 'district.clerk1'].map((u) => t.login(u)))
})
afterAll(() => t.close())

async function workbook(res: { rawPayload: Buffer }): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  return wb
}
const toBuffer = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer())

function importFile(client: Client, data: Buffer, fileName = 'items.xlsx') {
  const boundary = '----yizhan' + Math.random().toString(16).slice(2)
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`
  return t.app.inject({
    method: 'POST', url: '/api/items/import',
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { ...client.headers(true), 'content-type': `multipart/form-data; boundary=${boundary}` },
  })
}

/** Column number of a header in row 1. */
function col(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0
  ws.getRow(1).eachCell((c, n) => { if (c.value === header) found = n })
  if (!found) throw new Error(`no column ${header}`)
  return found
}
function rowOf(ws: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  const c = col(ws, '实施编码')
  for (let n = 2; n <= ws.rowCount; n++) if (ws.getRow(n).getCell(c).value === code) return ws.getRow(n)
  throw new Error(`no row ${code}`)
}
const counts = async () => ({
  items: (await t.db.selectFrom('service_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  versions: (await t.db.selectFrom('item_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  audit: (await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
})

describe('GET /api/items/template.xlsx', () => {
  it('has Chinese headers, an example row, a materials sheet and a help sheet; as it is it imports', async () => {
    const res = await admin.get('/api/items/template.xlsx')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const wb = await workbook(res)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['事项', '材料', '说明'])
    const items = wb.getWorksheet('事项')!
    for (const h of ['实施编码', '事项名称', '办件类型', '法定时限', '承诺时限', '受理层级', '状态']) expect(col(items, h)).toBeGreaterThan(0)
    expect(items.getRow(2).getCell(col(items, '办件类型')).value).toBe('承诺')
    expect(wb.getWorksheet('材料')!.rowCount).toBe(3)
    const imported = await importFile(admin, await toBuffer(wb))
    expect(imported.json()).toEqual({ created: 1, updated: 0, unchanged: 0 })
  })
})

describe('GET /api/items/export.xlsx', () => {
  it('exports the published items in jurisdiction, materials keyed by code', async () => {
    const res = await admin.get('/api/items/export.xlsx')
    expect(res.statusCode).toBe(200)
    const wb = await workbook(res)
    const items = wb.getWorksheet('事项')!
    expect(items.rowCount - 1).toBe(181)
    const mats = wb.getWorksheet('材料')!
    const stored = await t.db.selectFrom('item_materials as m').innerJoin('item_versions as v', 'v.id', 'm.version_id')
      .select((eb) => eb.fn.countAll<number>().as('n')).where('v.status', '=', 'published').executeTakeFirstOrThrow()
    expect(mats.rowCount - 1).toBe(stored.n)

    const atVillage = await workbook(await admin.get(`/api/items/export.xlsx?centerId=${center.T01V01}`))
    const offered = await t.db.selectFrom('item_offerings').select('item_id').where('center_id', '=', center.T01V01).execute()
    expect(atVillage.getWorksheet('事项')!.rowCount - 1).toBe(offered.length)
    expect((await donggou.get(`/api/items/export.xlsx?centerId=${center.T02}`)).statusCode).toBe(403)
  })
})

// The first import starts the parsing worker (which loads its modules): allow for a slow, shared machine.
describe('POST /api/items/import', { timeout: 120_000 }, () => {
  it('round trip: export → change a cell → import gives a draft with the change; nothing else changes', async () => {
    const dibao = await t.db.selectFrom('item_versions as v').innerJoin('service_items as i', 'i.id', 'v.item_id')
      .select(['i.id', 'i.code']).where('v.name', '=', '最低生活保障审批').executeTakeFirstOrThrow()
    const wb = await workbook(await admin.get('/api/items/export.xlsx'))
    const items = wb.getWorksheet('事项')!
    const row = rowOf(items, dibao.code)
    row.getCell(col(items, '事项名称')).value = '最低生活保障审核确认'
    row.getCell(col(items, '承诺时限')).value = 15
    const mats = wb.getWorksheet('材料')!
    rowOf(mats, dibao.code).getCell(col(mats, '材料名称')).value = '最低生活保障申请书（新版）'

    const res = await importFile(admin, await toBuffer(wb))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ created: 0, updated: 1, unchanged: 180 })
    const detail = (await admin.get(`/api/items/${dibao.id}`)).json()
    expect(detail.published).toMatchObject({ version: 1, name: '最低生活保障审批' })
    expect(detail.draft).toMatchObject({ version: 2, name: '最低生活保障审核确认', promisedDays: 15, nameInitials: 'zdshbzshqr' })
    expect(detail.draft.materials[0].name).toBe('最低生活保障申请书（新版）')
    expect(detail.draft.materials.length).toBe(detail.published.materials.length)
    const actions = (await listAudit(t.db, 'service_item', dibao.id)).map((a) => a.action)
    expect(actions).toContain('item.draft.create')

    // the same file again updates the draft in place: still version 2
    const again = await importFile(admin, await toBuffer(wb))
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: 181 })
    expect((await t.db.selectFrom('item_versions').select('version').where('item_id', '=', dibao.id).execute()).length).toBe(2)
  })

  it('new codes become drafts, or published items when 状态 is 发布', async () => {
    const wb = await workbook(await admin.get('/api/items/template.xlsx'))
    const items = wb.getWorksheet('事项')!
    const r2 = items.getRow(2)
    r2.getCell(col(items, '实施编码')).value = NEW1
    const r3 = items.getRow(3)
    r2.eachCell((c, n) => { r3.getCell(n).value = c.value })
    r3.getCell(col(items, '实施编码')).value = NEW2
    r3.getCell(col(items, '事项名称')).value = '导入发布测试'
    r3.getCell(col(items, '状态')).value = '发布'
    r3.getCell(col(items, '俗称')).value = '导入俗称、 导入俗称 ，第二个'
    wb.getWorksheet('材料')!.getRow(2).getCell(1).value = NEW1
    wb.getWorksheet('材料')!.getRow(3).getCell(1).value = NEW2
    const res = await importFile(admin, await toBuffer(wb))
    expect(res.json()).toEqual({ created: 2, updated: 0, unchanged: 0 })
    const rows = await t.db.selectFrom('item_versions as v').innerJoin('service_items as i', 'i.id', 'v.item_id')
      .select(['i.code', 'v.status']).where('i.code', 'in', [NEW1, NEW2]).orderBy('i.code').execute()
    expect(rows).toEqual([{ code: NEW1, status: 'draft' }, { code: NEW2, status: 'published' }])
    const pub = (await t.app.inject({ url: `/api/public/items?q=${encodeURIComponent('导入发布测试')}` })).json()
    expect(pub.total).toBe(1)
    // the 俗称 column: stored without repeats and searched by the guide
    const byKeyword = (await t.app.inject({ url: `/api/public/items?q=${encodeURIComponent('导入俗称')}` })).json()
    expect(byKeyword.items.map((i: { name: string }) => i.name)).toEqual(['导入发布测试'])
    expect((await t.app.inject({ url: `/api/public/items/${byKeyword.items[0].id}` })).json().keywords).toEqual(['导入俗称', '第二个'])
  })

  it('a broken file: every problem by sheet, row and column, and nothing written', async () => {
    const wb = await workbook(await admin.get('/api/items/export.xlsx'))
    const items = wb.getWorksheet('事项')!
    const cell = (n: number, h: string) => items.getRow(n).getCell(col(items, h))
    cell(2, '办件类型').value = '加急'
    cell(3, '承诺时限').value = 99
    cell(4, '事项名称').value = null
    cell(5, '部门编码').value = 'NO-SUCH-DEPT'
    cell(6, '法定时限').value = '三十'
    const code7 = cell(7, '实施编码').value
    cell(7, '实施编码').value = cell(8, '实施编码').value
    cell(9, '受理中心').value = 'T01V01'
    cell(9, '受理层级').value = '区'
    cell(9, '审批层级').value = '区'
    cell(10, '办件类型').value = '加急'
    cell(10, '受理层级').value = '区'
    cell(10, '审批层级').value = '村'
    cell(10, '受理中心').value = 'NO-SUCH-CENTER'
    const shapeRow = items.addRow([])
    items.getRow(2).eachCell((c, n) => { shapeRow.getCell(n).value = c.value })
    cell(shapeRow.number, '实施编码').value = 'TEST-001' // a new code, not of the national shape
    cell(shapeRow.number, '办件类型').value = '承诺'
    const newRow = items.addRow([])
    cell(newRow.number, '实施编码').value = itemCode(9)
    const mats = wb.getWorksheet('材料')!
    mats.getRow(2).getCell(col(mats, '材料形式')).value = '扫描件'
    mats.getRow(3).getCell(col(mats, '实施编码')).value = 'NOT-IN-FILE'
    const before = await counts()

    const res = await importFile(admin, await toBuffer(wb))
    expect(res.statusCode).toBe(400)
    const err = res.json().error
    expect(err.code).toBe('import_failed')
    const got = (err.details as { sheet: string; row: number; column: string }[]).map((d) => `${d.sheet}!${d.row}:${d.column}`)
    expect(got).toEqual(expect.arrayContaining([
      '事项!2:办件类型', '事项!3:承诺时限', '事项!4:事项名称', '事项!6:法定时限', '事项!8:实施编码',
      `事项!${newRow.number}:事项名称`, `事项!${newRow.number}:部门编码`, '材料!2:材料形式', '材料!3:实施编码',
      // in the same answer: a rule problem beside a format problem of the same row, and what only the database knows
      '事项!10:办件类型', '事项!10:审批层级', '事项!10:受理中心', '事项!5:部门编码', '事项!9:受理中心', `事项!${shapeRow.number}:实施编码`,
    ]))
    const itemRows = (err.details as { sheet: string; row: number }[]).filter((d) => d.sheet === '事项').map((d) => d.row)
    expect(itemRows).toEqual([...itemRows].sort((a, b) => a - b)) // in the order of the file
    expect(err.details.findIndex((d: { sheet: string }) => d.sheet === '材料')).toBeGreaterThan(err.details.findLastIndex((d: { sheet: string }) => d.sheet === '事项'))
    for (const d of err.details) expect(d).toEqual({ sheet: expect.any(String), row: expect.any(Number), column: expect.any(String), message: expect.any(String) })
    // only the material whose code is really absent is "not on the item sheet", not those of the broken item rows
    const unknown = (err.details as { sheet: string; row: number; message: string }[]).filter((d) => d.sheet === '材料' && d.message.includes('不在'))
    const codeOf = (row: number) => mats.getRow(row).getCell(col(mats, '实施编码')).value
    expect(unknown.length).toBeGreaterThan(1)
    expect(new Set(unknown.map((d) => codeOf(d.row)))).toEqual(new Set(['NOT-IN-FILE', code7])) // code7 was overwritten on its row
    expect(await counts()).toEqual(before)

    // fix the file-level problems: the database checks (department, center level) answer the same way
    cell(2, '办件类型').value = '承诺'
    cell(3, '承诺时限').value = 1
    cell(4, '事项名称').value = '名称'
    cell(6, '法定时限').value = 30
    cell(7, '实施编码').value = code7
    items.spliceRows(newRow.number, 1)
    items.spliceRows(shapeRow.number, 1)
    cell(10, '办件类型').value = '承诺'
    cell(10, '审批层级').value = '区'
    cell(10, '受理中心').value = null
    mats.getRow(2).getCell(col(mats, '材料形式')).value = '原件'
    mats.getRow(3).getCell(col(mats, '实施编码')).value = String(cell(3, '实施编码').value)
    const second = await importFile(admin, await toBuffer(wb))
    expect(second.statusCode).toBe(400)
    const rest = (second.json().error.details as { sheet: string; row: number; column: string }[]).map((d) => `${d.sheet}!${d.row}:${d.column}`)
    expect(rest.sort()).toEqual(['事项!5:部门编码', '事项!9:受理中心'])
    expect(await counts()).toEqual(before)
  })

  it('names missing columns and refuses what is not an xlsx workbook', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('事项').addRow(['实施编码', '事项名称'])
    const res = await importFile(admin, await toBuffer(wb))
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details).toEqual(expect.arrayContaining([{ sheet: '事项', row: 1, column: '办件类型', message: expect.any(String) }]))
    const junk = await importFile(admin, Buffer.from('not a zip'), 'x.xlsx')
    expect(junk.statusCode).toBe(400)
    expect(junk.json().error.code).toBe('import_failed')
    // a problem of the whole file names no sheet and no row (not row "0")
    expect(junk.json().error.details).toEqual([{ column: '', message: expect.stringContaining('xlsx') }])
  })

  it('a date out of range and a formula without a computed value are 400s naming the cell', async () => {
    const wb = await workbook(await admin.get('/api/items/export.xlsx'))
    const items = wb.getWorksheet('事项')!
    const name = items.getRow(2).getCell(col(items, '事项名称'))
    name.value = 1e20
    name.numFmt = 'yyyy-mm-dd'
    const legal = items.getRow(3).getCell(col(items, '法定时限'))
    legal.value = { formula: 'J2*2' } as ExcelJS.CellFormulaValue
    const before = await counts()
    const res = await importFile(admin, await toBuffer(wb))
    expect(res.statusCode).toBe(400)
    const details = res.json().error.details as { sheet: string; row: number; column: string; message: string }[]
    expect(details).toEqual(expect.arrayContaining([
      { sheet: '事项', row: 2, column: '事项名称', message: expect.stringContaining(`单元格 ${name.address}`) },
      { sheet: '事项', row: 3, column: '法定时限', message: expect.stringContaining('公式') },
    ]))
    // reported once, not again as "cannot be empty"
    expect(details.filter((d) => d.row === 2 && d.column === '事项名称')).toHaveLength(1)
    expect(details.some((d) => d.message.includes('[object Object]'))).toBe(false)
    expect(await counts()).toEqual(before)
  })

  it('stops reading past 20,000 rows and says so, without a row number', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('事项')
    ws.addRow(['实施编码', '事项名称'])
    for (let i = 0; i < 20001; i++) ws.addRow([`BULK-${i}`, `事项${i}`])
    const res = await importFile(admin, await toBuffer(wb))
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details).toEqual([{ column: '', message: expect.stringContaining('20000') }])
  })

  describe('permissions', () => {
    it('a clerk cannot import; a town manager cannot import district items', async () => {
      const wb = await workbook(await admin.get('/api/items/template.xlsx'))
      expect((await importFile(clerk, await toBuffer(wb))).statusCode).toBe(403)
      const res = await importFile(donggou, await toBuffer(wb))
      expect(res.statusCode).toBe(400)
      expect(res.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: '事项', row: 2, column: '部门编码' })]))
    })
  })
})
