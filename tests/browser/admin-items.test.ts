// An administrator edits a published item (a new draft version), publishes it, and the old version is 已替代;
// citizens then see the new version in the guide.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

describe('事项管理', () => {
  it('edits an item into a new draft, publishes it, and supersedes the old version', async () => {
    const page = await env.newPage()
    await env.login(page, 'admin')
    await page.getByRole('menuitem', { name: '事项管理' }).click()
    await page.waitForURL(/\/app\/items$/)

    const search = page.getByRole('searchbox', { name: /名称、编码或拼音首字母/ })
    await search.fill('临时救助')
    await search.press('Enter')
    await page.getByRole('link', { name: '临时救助审批' }).click()
    await page.waitForURL(/\/app\/items\/\d+$/)
    const itemUrl = page.url()
    await page.getByRole('tab', { name: '版本记录' }).waitFor()

    await page.getByRole('button', { name: '编辑', exact: true }).click()
    await page.waitForURL(/\/edit$/)
    await page.getByLabel('承诺时限（工作日）').fill('7')
    await page.getByRole('button', { name: '添加材料' }).click()
    await page.getByLabel('材料 5').fill('银行账户信息')
    await screenshot(page, 'admin-item-edit')
    await page.getByRole('button', { name: '保存草稿' }).click()
    await page.waitForURL(itemUrl)
    await page.locator('.ant-tag', { hasText: '草稿 v2' }).first().waitFor()

    await page.getByRole('button', { name: '发布' }).click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click()
    await page.getByText('v2 已发布').waitFor()

    await page.getByRole('tab', { name: '版本记录' }).click()
    const versions = page.locator('.versions-table')
    const v1 = versions.getByRole('row').filter({ hasText: 'v1' })
    const v2 = versions.getByRole('row').filter({ hasText: 'v2' })
    await v1.getByText('已替代').waitFor()
    await v2.getByText('已发布').waitFor()
    await screenshot(page, 'admin-item-versions')

    // The guide shows the new version at once.
    const id = /\/app\/items\/(\d+)$/.exec(itemUrl)![1]
    const citizen = await env.newPage()
    await citizen.goto(`/guide/items/${id}`)
    await citizen.getByText('法定 20 个工作日 / 承诺 7 个工作日').waitFor()
    await citizen.locator('.materials-table').getByRole('cell', { name: '银行账户信息' }).waitFor()
    await expect(citizen.getByText('第 2 版').count()).resolves.toBe(1)
    await citizen.context().close()
    await page.context().close()
  }, 180_000) // a long journey: allow for a shared, loaded machine

  it('shows a server validation problem under its field', async () => {
    const page = await env.newPage()
    await env.login(page, 'admin')
    await page.goto('/app/items?q=lsjz')
    await page.getByRole('link', { name: '临时救助审批' }).click()
    await page.getByRole('button', { name: /^编辑/ }).click()
    await page.getByLabel('法定时限', { exact: true }).fill('5')
    await page.getByLabel('承诺时限（工作日）').fill('9')
    await page.getByRole('button', { name: '保存草稿' }).click()
    await page.locator('.ant-form-item-explain-error').first().waitFor()
    await screenshot(page, 'admin-item-invalid')
    expect(page.url()).toMatch(/\/edit$/)
    await page.context().close()
  })

  it('lists every bad cell of a refused Excel import', async () => {
    const page = await env.newPage()
    await env.login(page, 'admin')
    await page.goto('/app/items')
    const template = await page.request.get('/api/items/template.xlsx')
    expect(template.status()).toBe(200)

    // The template's example row, spoiled in two cells.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await template.body()) as unknown as ArrayBuffer)
    const sheet = wb.getWorksheet('事项')!
    const column = (header: string) => {
      let found = 0
      sheet.getRow(1).eachCell((cell, n) => { if (String(cell.value).includes(header)) found = n })
      return found
    }
    sheet.getRow(2).getCell(column('承诺时限')).value = '十天'
    sheet.getRow(2).getCell(column('办件类型')).value = '随便'
    const file = Buffer.from(await wb.xlsx.writeBuffer())

    await page.locator('input[type=file]').setInputFiles({ name: '事项导入.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file })
    const dialog = page.getByRole('dialog').filter({ hasText: '导入未通过' })
    const problems = dialog.locator('.import-problems')
    await problems.getByRole('row').filter({ hasText: '承诺时限' }).filter({ hasText: '十天' }).waitFor()
    const kind = problems.getByRole('row').filter({ hasText: '办件类型' })
    await kind.getByRole('cell', { name: '事项', exact: true }).waitFor()
    await kind.getByRole('cell', { name: '2', exact: true }).waitFor()
    await kind.getByText('「随便」不是有效的办件类型').waitFor()
    await screenshot(page, 'admin-items-import-problems')
    await page.context().close()
  })
})
