// Accessibility of the public pages and the main staff pages (axe-core: no serious or critical violation),
// and two journeys of issue 12: an item created from scratch, and staff seated from the window form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { itemCode } from '../helpers/item-code.js'
import { seriousViolations } from './a11y.js'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

const settle = async (page: import('playwright-core').Page) => { await page.waitForLoadState('networkidle'); await page.waitForTimeout(300) }

describe('accessibility (axe-core)', () => {
  it('public pages: home, guide search, an item guide', async () => {
    const page = await env.newPage()
    const dibao = await env.db.selectFrom('item_versions').select('item_id').where('name', '=', '最低生活保障审批').where('status', '=', 'published').executeTakeFirstOrThrow()
    for (const url of ['/', '/guide', `/guide?q=${encodeURIComponent('低保')}`, `/guide/items/${dibao.item_id}`, '/login']) {
      await page.goto(url)
      await settle(page)
      expect(await seriousViolations(page), url).toEqual([])
    }
    await page.context().close()
  }, 240_000)

  it('staff pages: items, an item, windows, staff, departments, centers, board', async () => {
    const page = await env.newPage()
    await env.login(page, 'admin')
    const dibao = await env.db.selectFrom('item_versions').select('item_id').where('name', '=', '最低生活保障审批').where('status', '=', 'published').executeTakeFirstOrThrow()
    for (const url of ['/app/items', `/app/items/${dibao.item_id}`, `/app/items/${dibao.item_id}/edit`, '/app/windows', '/app/staff', '/app/departments', '/app/centers', '/app/board']) {
      await page.goto(url)
      await settle(page)
      expect(await seriousViolations(page), url).toEqual([])
    }
    // The number steppers of the item form are named in Chinese, not antd's "Increase/Decrease Value".
    await page.goto(`/app/items/${dibao.item_id}/edit`)
    await settle(page)
    expect(await page.locator('[aria-label="Increase Value"], [aria-label="Decrease Value"]').count()).toBe(0)
    expect(await page.getByRole('button', { name: '增加' }).count()).toBeGreaterThanOrEqual(3)
    expect(await page.getByRole('button', { name: '减少' }).count()).toBeGreaterThanOrEqual(3)
    await page.context().close()
  }, 240_000)
})

describe('journeys', () => {
  it('an administrator creates an item from scratch, with 俗称, and the guide finds it by the 俗称', async () => {
    const page = await env.newPage()
    await env.login(page, 'admin')
    await page.goto('/app/items/new')
    await page.getByLabel('事项名称').fill('新用户测试临时救助申请')
    await page.getByLabel('实施编码').fill('TEST-001')
    await page.getByLabel('基本编码').fill('abc')
    await page.getByRole('button', { name: '保存草稿' }).click()
    await page.getByText('实施编码应为 30 位').waitFor()
    await page.getByText('基本编码应为 12 位数字').waitFor()
    await page.getByLabel('实施编码').fill(itemCode(77, '000299001000'))
    await page.getByLabel('基本编码').fill('000299001000')
    await page.getByLabel('主管部门').click()
    await page.keyboard.type('区民政局')
    await page.keyboard.press('Enter')
    await page.getByLabel('实施机构').fill('区民政局')
    const keywords = page.locator('input#keywords')
    await keywords.fill('救急钱')
    await keywords.press('Enter')
    await screenshot(page, 'item-create')
    await page.getByRole('button', { name: '保存草稿' }).click()
    await page.waitForURL(/\/app\/items\/\d+$/)
    await page.getByTestId('item-keywords').getByText('救急钱').waitFor()
    await page.getByRole('button', { name: '发布' }).click()
    await page.getByText('发布后办事指南即公开该版本').waitFor() // nothing published yet: no "replaced" warning
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click()
    await page.getByText('v1 已发布').waitFor()
    await page.context().close()
  }, 240_000)

  it('a town manager seats a clerk from the window form', async () => {
    const page = await env.newPage()
    await env.login(page, 'donggou.manager')
    await page.goto('/app/windows')
    await page.getByRole('button', { name: /新建窗口|新增窗口/ }).click()
    const drawer = page.locator('.ant-drawer')
    await drawer.locator('input#number').fill('41')
    await drawer.locator('input#name').fill('测试综合窗口')
    await drawer.locator('input#staffIds').click()
    await page.keyboard.type('donggou.clerk1')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Escape')
    await screenshot(page, 'window-staff')
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByRole('row', { name: /测试综合窗口/ }).waitFor()
    const seated = await env.db.selectFrom('users as u').innerJoin('windows as w', 'w.id', 'u.window_id').select('w.number').where('u.username', '=', 'donggou.clerk1').executeTakeFirst()
    expect(seated?.number).toBe('41')
    await page.context().close()
  }, 240_000)
})
