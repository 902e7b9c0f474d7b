// A person reaches the staff pages through the home page and the login form; the menu follows the role.
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

describe('login', () => {
  it('goes from the home page to the admin menu', async () => {
    const page = await env.newPage()
    await page.goto('/')
    await expect(page.title()).resolves.toBe('一站 · 区政务服务网')
    await page.getByRole('heading', { name: '一站 · 区政务服务网' }).waitFor()
    await page.getByRole('link', { name: '办事指南' }).first().waitFor()
    await screenshot(page, 'home')

    await page.getByRole('link', { name: '工作人员登录' }).click()
    await page.waitForURL(/\/login$/)
    await page.getByLabel('用户名').fill('admin')
    await page.getByLabel('密码').fill('demo-Pass-2026')
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL(/\/app$/)

    const menu = page.getByRole('menu')
    for (const item of ['工作台', '中心管理', '部门管理', '窗口管理', '人员管理', '事项管理', '应进必进', '接口令牌']) {
      await menu.getByRole('menuitem', { name: item }).waitFor()
    }
    const session = await page.evaluate(() => fetch('/api/session').then((r) => r.json()))
    await page.locator('.app-header .user-name', { hasText: session.name }).waitFor()
    await page.locator('.app-header', { hasText: session.centerName }).waitFor()
    await screenshot(page, 'admin-workbench')

    await page.getByRole('button', { name: '退出' }).click()
    await page.waitForURL(/\/login$/)
    await page.goto('/app')
    await page.waitForURL(/\/login\?next=%2Fapp$/)
    await page.context().close()
  })

  it('shows 用户名或密码错误 for a wrong password', async () => {
    const page = await env.newPage()
    await page.goto('/login')
    await page.getByLabel('用户名').fill('admin')
    await page.getByLabel('密码').fill('not-the-password')
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor()
    expect(page.url()).toMatch(/\/login$/)
    await screenshot(page, 'login-error')
    await page.context().close()
  })

  it('shows the lockout message after too many failures (429)', async () => {
    const page = await env.newPage()
    await page.goto('/login')
    await page.getByLabel('用户名').fill('district.clerk2')
    await page.getByLabel('密码').fill('wrong-password')
    const submit = page.getByRole('button', { name: '登录' })
    const error = page.getByRole('alert')
    // Five failures block this username from this address (LOCKOUT_ATTEMPTS); the answer that blocks is already a 429.
    for (let i = 0; i < 6 && !(await error.filter({ hasText: '受限' }).count()); i++) {
      await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST'), submit.click()])
      await page.waitForFunction(() => !document.querySelector('.ant-btn-loading'))
    }
    await error.filter({ hasText: /登录失败次数过多，本机的登录已暂时受限，请 \d+ 分钟后再试/ }).waitFor()
    await screenshot(page, 'login-locked')
    await page.context().close()
  })

  it('gives a clerk the clerk menu, without 中心管理', async () => {
    const page = await env.newPage()
    await env.login(page, 'district.clerk1')
    const menu = page.getByRole('menu')
    for (const item of ['工作台', '办事指南', '事项查询']) await menu.getByRole('menuitem', { name: item }).waitFor()
    await expect(menu.getByRole('menuitem', { name: '中心管理' }).count()).resolves.toBe(0)
    await expect(menu.getByRole('menuitem', { name: '事项管理' }).count()).resolves.toBe(0)
    await page.goto('/app/centers')
    await page.getByText('当前账号无权访问此页面').waitFor()
    await page.context().close()
  })

  it('folds the menu away on a phone', async () => {
    const page = await env.newPage({ mobile: true })
    await env.login(page, 'admin')
    await expect(page.getByRole('menuitem', { name: '中心管理' }).isVisible()).resolves.toBe(false)
    await page.getByRole('button', { name: '菜单' }).click()
    await page.getByRole('menuitem', { name: '中心管理' }).waitFor({ state: 'visible' })
    await screenshot(page, 'admin-mobile-menu')
    await page.context().close()
  })
})

describe('fonts', () => {
  it('has a CJK font installed, so Chinese is not drawn as boxes', () => {
    const fonts = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' })
    expect(fonts).toMatch(/WenQuanYi|Noto Sans CJK|Noto Serif CJK|Source Han/i)
  })
})
