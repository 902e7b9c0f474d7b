// An administrator sets a department's legal settings in 部门管理: its 复议机关 and court (printed on its refusals),
// 复议前置, whether the window may refuse in its name, and the head's AB岗 stand-in while the head is away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { choose, screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

describe('部门管理: the law\'s settings', () => {
  it('sets 复议机关, court, 复议前置 and the head\'s stand-in; the server keeps them', async () => {
    const page = await env.newPage()
    await env.login(page, 'admin')
    await page.getByRole('menuitem', { name: '部门管理' }).click()
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '区民政局', exact: true }) })
    const staffLoaded = page.waitForResponse((r) => r.url().includes('/api/staff'))
    await row.getByText('编辑').click()
    await staffLoaded
    const drawer = page.locator('.ant-drawer')
    await drawer.getByText('法律文书与审批').waitFor()
    await drawer.getByLabel('复议机关').fill('鄂州市民政局')
    await drawer.getByLabel('管辖法院').fill('鄂州市鄂城区人民法院')
    await drawer.getByLabel('复议前置').click()
    // the stand-in's options are the department's approvers, loaded when the drawer opens
    const standIn = drawer.locator('.ant-form-item', { hasText: '部门负责人 AB 岗' })
    await choose(page, () => drawer.getByLabel('部门负责人 AB 岗').click(), 'approver.mz', standIn.locator('[title*="approver.mz"]'))
    await drawer.getByLabel('负责人外出（由 AB 岗代批）').click()
    await screenshot(page, 'department-legal-settings')
    await drawer.getByRole('button', { name: '保存' }).click()
    await drawer.waitFor({ state: 'hidden' })

    const d = await env.db.selectFrom('departments as d').innerJoin('users as u', 'u.id', 'd.head_stand_in_user_id')
      .select(['d.review_body', 'd.court', 'd.review_first', 'd.head_away', 'u.username']).where('d.code', '=', 'D-MZ').executeTakeFirstOrThrow()
    expect(d).toEqual({ review_body: '鄂州市民政局', court: '鄂州市鄂城区人民法院', review_first: true, head_away: true, username: 'approver.mz' })
    await page.context().close()
  })
})
