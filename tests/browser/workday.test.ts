// A staff member's day without friction (issue 24), walked in Chromium: counts on the work lists and each role's
// default tab; a 法人 intake with its 法定代表人 and 经办人 (no stale ID error, the picker shows type and department),
// whose 材料不全 notice leaves once 补齐材料 is done; the supervisor's lights link to the case and mark 已督办.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { creditCheckChar } from '../../src/domain/credit-code.js'
import { idNumber } from '../helpers/cases.js'
import { centerByName, offeredItem, recordCase } from '../helpers/supervision.js'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

const CREDIT17 = '91420102MA4K12345'
const CREDIT = CREDIT17 + creditCheckChar(CREDIT17)

async function approverOf(caseId: number): Promise<string> {
  const r = await env.db.selectFrom('case_steps as s').innerJoin('users as u', (j) => j.onRef('u.department_id', '=', 's.department_id').onRef('u.center_id', '=', 's.center_id'))
    .select(['u.username', 'u.roles']).where('s.case_id', '=', caseId).where('s.done_at', 'is', null).orderBy('u.id').execute()
  return r.find((u) => u.roles.includes('approver'))!.username
}

const countOf = async (page: Page, testId: string) => Number((await page.getByTestId(testId).locator('.ant-statistic-content-value').textContent())!.replace(/\D/g, ''))

describe('counts and default tabs', () => {
  it('the approver\'s workbench and inbox show the count of waiting steps; /app/levels opens on the approver\'s list', async () => {
    const district = await centerByName(env.db, '区行政服务中心')
    const c = await recordCase(await env.api('district.clerk1'), district.id, await offeredItem(env.db, district.id, 'promised'))
    const username = await approverOf(c.id)
    const total = (await (await env.api(username)).get('/api/cases/inbox?limit=1')).json().total as number
    expect(total).toBeGreaterThanOrEqual(1)
    const page = await env.newPage()
    await env.login(page, username)
    await page.getByTestId('count-inbox').waitFor()
    expect(await countOf(page, 'count-inbox')).toBe(total)
    await page.getByTestId('count-inbox').click()
    await page.getByRole('heading', { name: `我的待办（${total}）` }).waitFor()
    await page.goto('/app/levels')
    await page.getByRole('tab', { name: /^待签收上报件（\d+）$/, selected: true }).waitFor()
    await page.context().close()
  }, 240_000)

  it('a town clerk\'s /app/levels opens on 待上报 when that is where the work is, every tab counted', async () => {
    const town = await centerByName(env.db, '梁子镇便民服务中心')
    await recordCase(await env.api('liangzi.clerk1'), town.id, await offeredItem(env.db, town.id, 'forward'))
    const page = await env.newPage()
    await env.login(page, 'liangzi.clerk1')
    await page.goto('/app/levels')
    await page.getByRole('tab', { name: /^待上报（[1-9]\d*）$/, selected: true }).waitFor()
    const tabs = await page.getByRole('tab').allTextContents()
    expect(tabs.length).toBe(6)
    for (const tab of tabs) expect(tab).toMatch(/（\d+\+?）$/)
    await page.context().close()
  }, 240_000)

  it('an agent on a phone sees the count of the cases they carry, on the workbench and the agency page', async () => {
    const total = (await (await env.api('agent.t01v01')).get('/api/agency/inbox?limit=1')).json().total as number
    const page = await env.newPage({ mobile: true })
    await env.login(page, 'agent.t01v01')
    await page.getByTestId('count-agency').waitFor()
    expect(await countOf(page, 'count-agency')).toBe(total)
    await page.goto('/app/agency')
    await page.getByRole('heading', { name: `我的代办件（${total}）` }).waitFor()
    await page.context().close()
  }, 240_000)
})

describe('a 法人 at the window', () => {
  it('takes 法定代表人 and 经办人 without a stale ID error; the 材料不全 notice leaves after 补齐材料', async () => {
    const item = await env.db.selectFrom('item_versions as v').innerJoin('service_items as i', 'i.id', 'v.item_id').innerJoin('departments as d', 'd.id', 'i.department_id')
      .select(['v.item_type', 'd.name as department']).where('v.name', '=', '企业投资项目备案').where('v.status', '=', 'published').executeTakeFirstOrThrow()
    const page = await env.newPage()
    await env.login(page, 'district.clerk1')
    await page.goto('/app/intake')
    await page.getByLabel('办理事项').fill('企业投资项目备案')
    const option = page.locator('.ant-select-item-option', { hasText: '企业投资项目备案' })
    await option.getByText(`${item.item_type} · ${item.department}`).waitFor() // type and department before picking
    await option.click()
    await page.getByRole('radio', { name: '法人或其他组织' }).check()
    await page.getByLabel('法定代表人').waitFor()
    expect(await page.getByText('请输入居民身份证号码').count()).toBe(0)
    expect(await page.locator('.ant-form-item-has-error').count()).toBe(0)
    await page.getByLabel('单位名称').fill('武汉长江智造科技有限公司')
    await page.getByRole('textbox', { name: '统一社会信用代码' }).fill(CREDIT)
    await page.getByLabel('联系电话', { exact: true }).fill('027-86650001')
    await page.getByLabel('法定代表人').fill('王建国')
    await page.getByLabel('经办人姓名').fill('李小梅')
    await page.getByLabel('经办人居民身份证号码').fill(idNumber(4242).slice(0, 17) + (idNumber(4242)[17] === '1' ? '2' : '1'))
    await page.getByLabel('经办人联系电话').click()
    await page.getByText('身份证号码无效').waitFor()
    await page.getByLabel('经办人居民身份证号码').fill(idNumber(4242))
    await page.getByLabel('经办人联系电话').fill('13912345678')
    await page.getByLabel('法定代表人').click()
    await expect.poll(() => page.locator('.ant-form-item-has-error').count()).toBe(0) // no stale error on a filled field
    await screenshot(page, 'intake-organization')
    await page.getByRole('button', { name: '提交' }).click() // no material ticked: one-time notice
    await page.waitForURL(/\/app\/cases\/\d+$/)
    const notice = page.getByText(/材料不全，已生成一次性告知书/)
    await notice.waitFor()
    await page.getByTestId('representative').getByText('李小梅').waitFor()
    await page.locator('.case-actions').getByRole('button', { name: '补齐材料', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: '补齐材料', exact: true }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.locator('.page-head .ant-tag', { hasText: /已受理|已办结/ }).waitFor()
    expect(await notice.count()).toBe(0)
    const row = await env.db.selectFrom('cases').select(['legal_representative_name', 'representative_name', 'status']).where('applicant_id_number', '=', CREDIT).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ legal_representative_name: '王建国', representative_name: '李小梅' })
    await page.context().close()
  }, 240_000)
})

describe('电子监察', () => {
  it('case numbers link to the case; a case urged shows 已督办', async () => {
    const district = await centerByName(env.db, '区行政服务中心')
    const c = await recordCase(await env.api('district.clerk1'), district.id, await offeredItem(env.db, district.id, 'promised'))
    // make its step late so it is listed (red)
    await env.db.updateTable('case_steps').set({ due_date: '2020-01-06', start_date: '2020-01-02' }).where('case_id', '=', c.id).execute()
    const page = await env.newPage()
    await env.login(page, 'district.supervisor')
    await page.goto('/app/supervision')
    const row = page.locator(`tr[data-case="${c.number}"]`)
    await row.waitFor()
    expect(await row.getByText('已督办').count()).toBe(0)
    await row.getByRole('button', { name: '督办' }).click()
    await page.getByRole('dialog').getByLabel('督办内容').fill('请今天内办结')
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click()
    await row.getByText('已督办').waitFor()
    await row.getByRole('link', { name: c.number }).click()
    await page.waitForURL(new RegExp(`/app/cases/${c.id}$`))
    await page.locator('.case-number', { hasText: c.number }).waitFor()
    await page.context().close()
  }, 240_000)
})
