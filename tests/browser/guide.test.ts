// A citizen, not logged in, finds an item in the 办事指南 by its Chinese name and by pinyin initials,
// and reads what to bring (the materials table) and how long it takes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

describe('办事指南', () => {
  it('finds 临时救助 by name and by pinyin initials, and shows its materials', async () => {
    const page = await env.newPage({ mobile: true })
    await page.goto('/')
    await page.getByRole('link', { name: '办事指南' }).first().click()
    await page.waitForURL(/\/guide$/)
    await page.getByRole('heading', { name: '办事指南' }).waitFor()

    const search = page.getByRole('searchbox', { name: /搜索事项名称/ })
    await search.fill('最低生活保障')
    await search.press('Enter')
    await page.waitForURL(/q=/)
    const results = page.locator('.guide-results')
    await results.getByRole('link', { name: '最低生活保障审批' }).waitFor()

    await search.fill('lsjz')
    await search.press('Enter')
    await page.waitForURL(/q=lsjz/)
    const hit = results.getByRole('link', { name: '临时救助审批' })
    await hit.waitFor()
    await expect(results.getByRole('link', { name: '最低生活保障审批' }).count()).resolves.toBe(0)
    await screenshot(page, 'guide-search-mobile')

    await hit.click()
    await page.waitForURL(/\/guide\/items\/\d+$/)
    await page.getByRole('heading', { name: '临时救助审批', level: 1 }).waitFor()
    const materials = page.locator('.materials-table')
    await materials.getByRole('cell', { name: '临时救助申请书' }).waitFor()
    await materials.getByRole('cell', { name: '家庭经济状况核对授权书' }).waitFor()
    await expect(materials.getByRole('cell', { name: /^原件/ }).count()).resolves.toBeGreaterThan(0)
    await expect(materials.getByRole('cell', { name: /^复印件/ }).count()).resolves.toBeGreaterThan(0)
    await page.getByText('法定 20 个工作日 / 承诺 10 个工作日').waitFor()
    for (const section of ['办理程序', '受理条件', '申请材料', '办结时限', '收费', '受理地点', '监督投诉电话', '设定依据', '特别程序']) {
      await page.getByText(section, { exact: true }).first().waitFor()
    }
    await screenshot(page, 'guide-item-mobile')

    await page.emulateMedia({ media: 'print' })
    await expect(page.locator('.public-header').isVisible()).resolves.toBe(false)
    await expect(page.getByRole('button', { name: '打印' }).isVisible()).resolves.toBe(false)
    await page.context().close()
  })

  it('browses by theme', async () => {
    const page = await env.newPage()
    await page.goto('/guide')
    await page.getByText('按主题').click()
    const chip = page.locator('.theme-chips .ant-tag-checkable').nth(1)
    await chip.waitFor()
    const label = (await chip.textContent()) ?? ''
    const count = Number(/（(\d+)）/.exec(label)?.[1])
    await chip.click()
    await page.waitForURL(/theme=/)
    await page.getByText(`共找到 ${count} 个事项`).waitFor()
    await screenshot(page, 'guide-theme')
    await page.context().close()
  })
})
