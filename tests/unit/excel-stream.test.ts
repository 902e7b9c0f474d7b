// The import's workbook reader (ExcelJS's public streaming reader): Chinese sheet names and long Chinese texts come
// back exactly, also where a chunk boundary cuts a character; reading can stop early; a non-workbook is refused.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { openWorkbook, WorkbookError } from '../../src/features/catalog/excel/stream.js'

async function workbook(rows: number) {
  const wb = new ExcelJS.Workbook()
  const items = wb.addWorksheet('事项')
  const texts = Array.from({ length: rows }, (_, i) => `第${i}项：居民身份证申领、换领、补领（含临时身份证）—— 𠮷野家 ${'办'.repeat(i % 17)}`)
  for (const [i, t] of texts.entries()) items.addRow([`ITEM-${i}`, t, i])
  wb.addWorksheet('材料').addRow(['代码', '材料名称'])
  return { data: Buffer.from(await wb.xlsx.writeBuffer()), texts }
}

describe('openWorkbook', () => {
  it('reads every row of a large Chinese sheet exactly, by its Chinese name', async () => {
    const { data, texts } = await workbook(3000)
    const wb = await openWorkbook(data)
    expect(wb.sheetNames).toEqual(['事项', '材料'])
    const got: string[] = []
    for await (const row of wb.rows('事项')) got.push(String(row.getCell(2).value))
    expect(got).toEqual(texts)
    const materials = []
    for await (const row of wb.rows('材料')) materials.push(row.getCell(2).value)
    expect(materials).toEqual(['材料名称'])
    expect([...await collect(wb.rows('没有的表'))]).toEqual([])
  })

  it('stops when the caller has enough', async () => {
    const { data } = await workbook(3000)
    const wb = await openWorkbook(data)
    let n = 0
    for await (const _ of wb.rows('事项')) if (++n === 10) break
    expect(n).toBe(10)
  })

  it('refuses a file that is not a workbook', async () => {
    await expect(openWorkbook(Buffer.from('not a zip'))).rejects.toBeInstanceOf(WorkbookError)
  })
})

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}
