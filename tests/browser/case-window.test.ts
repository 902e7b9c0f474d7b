// The window's other outcomes and the manager's side: an immediate (即办) item done on the spot for an organization,
// a refusal with the office to go to and its printed notice, today's work at the window, and an extension an
// approver asks for and the department head approves from 延期审批, with the calendar warning on the manager's workbench.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { creditCheckChar } from '../../src/domain/credit-code.js'
import { checkDigit } from '../../src/domain/id-number.js'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

const CREDIT17 = '91420102MA4K12345'
const CREDIT = CREDIT17 + creditCheckChar(CREDIT17)

async function intakeOrganization(page: Page, outcome: (p: Page) => Promise<void>) {
  await page.goto('/app/intake')
  await page.getByLabel('办理事项').fill('企业投资项目备案')
  await page.locator('.ant-select-item-option', { hasText: '企业投资项目备案' }).click()
  await page.getByText('即办件 · 法定 0 / 承诺 0 个工作日').waitFor()
  await page.getByRole('radio', { name: '法人或其他组织' }).check()
  await page.getByLabel('单位名称').fill('武汉长江智造科技有限公司')
  await page.getByRole('textbox', { name: '统一社会信用代码' }).fill(CREDIT.slice(0, 17) + (CREDIT[17] === '0' ? '1' : '0'))
  await page.getByLabel('联系电话', { exact: true }).click()
  await page.getByText('统一社会信用代码无效').waitFor()
  await page.getByRole('textbox', { name: '统一社会信用代码' }).fill(CREDIT)
  await page.getByLabel('联系电话', { exact: true }).fill('027-86650001')
  await page.getByLabel('法定代表人').fill('王建国')
  for (const box of await page.locator('.ant-checkbox-group .ant-checkbox-input').all()) await box.check()
  await page.getByText('材料齐全，提交后受理并开始计时').waitFor()
  await outcome(page)
  await page.getByRole('button', { name: '提交' }).click()
  await page.waitForURL(/\/app\/cases\/\d+$/)
  return (await page.locator('.case-number').textContent())!.trim()
}

async function act(page: Page, action: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.locator('.case-actions').getByRole('button', { name: action, exact: true }).click()
  const dialog = page.getByRole('dialog')
  await fill(dialog)
  await dialog.getByRole('button', { name: action, exact: true }).click()
  await dialog.waitFor({ state: 'detached' })
}

describe('窗口的其他结果与延期审批', () => {
  it('completes an immediate item on the spot, refuses another with the office to go to, and lists both as today\'s work', async () => {
    const clerk = await env.newPage()
    await env.login(clerk, 'district.clerk1')

    const done = await intakeOrganization(clerk, (p) => p.getByRole('checkbox', { name: /当场办结/ }).check())
    await clerk.getByText(`即办件已当场办结（${done}）`).waitFor()
    await clerk.locator('.page-head .ant-tag', { hasText: '已办结' }).waitFor()
    await clerk.getByText('当前没有您可以办理的操作').waitFor()
    const events = await clerk.locator('.case-timeline .ant-timeline-item strong').allTextContents()
    // a 备案 (其他行政权力) is not a licence: its decision reads 已办结, as its item says
    expect(events).toEqual(['受理', '已办结', '送达结果', '申请人领取'])

    const refused = await intakeOrganization(clerk, async (p) => {
      await p.getByRole('radio', { name: '不予受理' }).check()
      await p.getByLabel('不予受理的理由').fill('该项目属于政府核准的投资项目目录范围，不适用备案')
      await p.getByLabel('应向何机关申请（不属本机关职权时）').fill('区发展和改革局（项目核准）')
    })
    await clerk.locator('.page-head .ant-tag', { hasText: '不予受理' }).waitFor()
    await clerk.goto((await clerk.getByRole('link', { name: '不予受理决定书' }).getAttribute('href'))!)
    await clerk.getByRole('heading', { name: '不予受理决定书', level: 1 }).waitFor()
    await clerk.getByText('不适用备案').waitFor()
    await clerk.getByText('请向 区发展和改革局（项目核准） 申请').waitFor()
    await clerk.getByText(/六十日内向区人民政府申请行政复议.*六个月内向区人民法院提起行政诉讼/).waitFor()
    await clerk.getByRole('img', { name: '办理进度查询二维码' }).waitFor()
    await expect(clerk.getByRole('link', { name: '受理通知书' }).count()).resolves.toBe(0)
    await screenshot(clerk, 'case-notice-refusal')

    await clerk.goto('/app/cases')
    const today = clerk.locator('.cases-table')
    await today.getByRole('link', { name: done }).waitFor()
    await today.getByRole('link', { name: refused }).waitFor()
    await expect(today.textContent()).resolves.toContain('9142**********')
    await expect(today.textContent()).resolves.not.toContain(CREDIT)
    await clerk.context().close()
  }, 360_000)

  it('an approver asks for an extension, the deciding department\'s head (not the center manager) approves it from 延期审批, and the due date moves', async () => {
    // The case is recorded through the API as the window's clerk (the intake form has its own test).
    const clerk = await env.newPage()
    await env.login(clerk, 'district.clerk3')
    const session = await (await clerk.request.get('/api/session')).json() as { csrfToken: string; centerId: number }
    const item = (await (await clerk.request.get('/api/public/items?q=不动产抵押登记')).json()).items[0] as { id: number }
    const detail = await (await clerk.request.get(`/api/public/items/${item.id}`)).json() as { materials: { id: number }[] }
    const id17 = '42010219900101002'
    const res = await clerk.request.post('/api/cases', {
      headers: { 'x-csrf-token': session.csrfToken },
      data: {
        requestId: `browser-ext-${Date.now()}`, itemId: item.id, centerId: session.centerId,
        applicant: { kind: 'person', name: '李秀英', idNumber: id17 + checkDigit(id17), phone: '13907170002' },
        materials: detail.materials.map((m) => ({ materialId: m.id, received: true })),
      },
    })
    expect(res.status()).toBe(201)
    const c = await res.json() as { id: number; number: string; dueDate: string }

    const approver = await env.newPage()
    await env.login(approver, 'approver.gt')
    await approver.goto(`/app/cases/${c.id}`)
    await act(approver, '申请延期', async (d) => {
      await d.getByLabel('延长天数（按事项时限单位）').fill('3')
      await d.getByLabel('理由').fill('需现场核实抵押物状况')
    })
    await approver.getByText(/3 个工作日 待审批（需现场核实抵押物状况）/).waitFor()

    const centerManager = await env.newPage()
    await env.login(centerManager, 'district.manager1')
    const warnings = (await (await centerManager.request.get('/api/workbench/calendar-warning')).json()).warnings as { year: number }[]
    for (const w of warnings) await centerManager.getByText(`${w.year} 年工作日历尚未确认`).waitFor()
    // 行政许可法 §42: the center's manager does not approve; the deciding department's head does.
    await expect(centerManager.getByRole('menuitem', { name: '延期审批' }).count()).resolves.toBe(0)
    const manager = await env.newPage()
    await env.login(manager, 'head.gt')
    await manager.getByRole('menuitem', { name: '延期审批' }).click()
    const row = manager.locator('.extensions-table .ant-table-row', { hasText: c.number })
    await row.getByText('需现场核实抵押物状况').waitFor()
    await screenshot(manager, 'case-extensions')
    await row.getByRole('link', { name: '审批' }).click()
    await manager.waitForURL(new RegExp(`/app/cases/${c.id}$`))
    await act(manager, '批准延期', async (d) => {
      await expect(d.getByLabel('延长天数（按事项时限单位）').inputValue()).resolves.toBe('3')
    })
    await manager.getByText('已延期 3 个工作日').waitFor()
    const due = (await manager.locator('.ant-descriptions-item', { hasText: '承诺办结日期' }).locator('.ant-descriptions-item-content').textContent())!.trim()
    expect(due > c.dueDate).toBe(true)
    await manager.goto('/app/extensions')
    await manager.getByText('没有待审批的延期申请').waitFor()

    const clerkWorkbench = await env.newPage()
    await env.login(clerkWorkbench, 'district.clerk2')
    await expect(clerkWorkbench.locator('.calendar-warning').count()).resolves.toBe(0)
    for (const p of [clerk, approver, manager, centerManager, clerkWorkbench]) await p.context().close()
  }, 360_000)
})
