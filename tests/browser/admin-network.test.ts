// An administrator manages the network: creates a village room, is told why a busy center cannot be retired,
// sees a duplicate code under its field, and retires the new room.
import { afterAll, beforeAll, describe, it } from 'vitest'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

describe('中心管理', () => {
  it('creates a village room, refuses to retire a busy one with the reason, and retires the new one', async () => {
    const page = await env.newPage()
    await env.login(page, 'admin')
    await page.getByRole('menuitem', { name: '中心管理' }).click()
    await page.getByRole('cell', { name: '东沟村便民服务室' }).waitFor()

    // A busy center: the server's reason is shown.
    const busy = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '东沟村便民服务室', exact: true }) })
    await busy.getByText('停用').click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click()
    const dialog = page.getByRole('dialog').filter({ hasText: '无法停用该中心' })
    await dialog.getByText(/东沟村便民服务室：仍有 .+请先停用或调离后再停用该中心/).waitFor()
    await screenshot(page, 'centers-retire-refused')
    await dialog.getByRole('button', { name: /确\s*定|知道了|OK/ }).click()

    // Create a room; a taken code is shown under 编码.
    await page.getByRole('button', { name: '新建中心' }).click()
    const drawer = page.locator('.ant-drawer')
    // The parent list loads while the drawer opens: pick, and pick again if the first click came too early.
    const chosen = drawer.locator('.ant-select-selection-item', { hasText: '东沟镇便民服务中心' })
    for (let attempt = 0; attempt < 3 && !(await chosen.isVisible()); attempt++) {
      await drawer.getByLabel('上级中心').click()
      await page.locator('.ant-select-dropdown:visible').getByText('东沟镇便民服务中心', { exact: true }).click()
      await chosen.waitFor({ timeout: 3000 }).catch(() => undefined)
    }
    await drawer.getByLabel('名称').fill('测试新村便民服务室')
    await drawer.getByLabel('编码').fill('T01V01')
    await drawer.getByRole('button', { name: '保存' }).click()
    await drawer.locator('.ant-form-item-explain-error', { hasText: '中心编码 T01V01 已被' }).waitFor()
    await drawer.getByLabel('编码').fill('T01V99')
    await drawer.getByRole('button', { name: '保存' }).click()
    await drawer.waitFor({ state: 'hidden' })

    await page.getByRole('combobox').first().click()
    await page.locator('.ant-select-dropdown:visible').getByText('村便民服务室', { exact: true }).click()
    const fresh = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '测试新村便民服务室' }) })
    await fresh.getByRole('cell', { name: '东沟镇便民服务中心' }).waitFor()

    await fresh.getByText('停用').click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click()
    await page.getByText('中心已停用').waitFor()
    await fresh.waitFor({ state: 'detached' })
    await page.context().close()
  })
})
