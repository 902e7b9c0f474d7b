// A clerk changes their own password from the header (a weak one is refused under its field); a manager sees the
// clerk's failed logins on the 安全审计 page.
import { afterAll, beforeAll, describe, it } from 'vitest'
import { DEMO_PASSWORD, screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

describe('修改密码 and 安全审计', () => {
  it('a clerk changes their password; the old one no longer works', async () => {
    const page = await env.newPage()
    await env.login(page, 'donggou.clerk2')
    await page.getByRole('button', { name: '修改密码' }).click()
    const dialog = page.getByRole('dialog').filter({ hasText: '修改密码' })
    await dialog.getByLabel('当前密码').fill(DEMO_PASSWORD)
    await dialog.getByLabel('新密码', { exact: true }).fill('short1')
    await dialog.getByLabel('确认新密码').fill('short1')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await dialog.locator('.ant-form-item-explain-error', { hasText: '至少 8 位' }).waitFor()
    await dialog.getByLabel('新密码', { exact: true }).fill('Changed-Pass-77')
    await dialog.getByLabel('确认新密码').fill('Changed-Pass-77')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await page.getByText('密码已修改').waitFor()
    await screenshot(page, 'password-changed')
    await page.getByRole('button', { name: '退出' }).click()
    await page.getByLabel('用户名').waitFor()
    await env.login(page, 'donggou.clerk2', 'Changed-Pass-77')
    await page.context().close()
  }, 150_000) // three logins and a policy check (six argon2 runs) on a shared 2-core machine

  it('a town manager sees failed logins of the town\'s accounts', async () => {
    const page = await env.newPage()
    await page.goto('/login')
    await page.getByLabel('用户名').fill('donggou.clerk3')
    await page.getByLabel('密码').fill('wrong-Pass-1')
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor()
    await env.login(page, 'donggou.manager')
    await page.getByRole('menuitem', { name: '安全审计' }).click()
    const row = page.getByRole('row').filter({ hasText: 'donggou.clerk3' })
    await row.getByText('登录失败').waitFor()
    await screenshot(page, 'security-login-events')
    await page.context().close()
  })
})
