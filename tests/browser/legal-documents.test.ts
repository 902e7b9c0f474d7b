// Issue 18: every document type printed for a 许可 item (固定资产投资项目节能审查, 区经改局) and a 确认 item
// (工伤认定, 区人社局, 60 calendar days): the title, the 文号, the body, the dates and the deciding body on the page.
import type { APIRequestContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { creditCheckChar } from '../../src/domain/credit-code.js'
import { checkDigit } from '../../src/domain/id-number.js'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

const CREDIT17 = '91420102MA4K54321'
const ID17 = '42010219850612003'
let seq = 0

interface Api { post(url: string, data: unknown): Promise<{ status: number; body: Record<string, unknown> }> }

async function apiFor(env: BrowserEnv, username: string): Promise<{ page: Page; api: Api; centerId: number }> {
  const page = await env.newPage()
  await env.login(page, username)
  const session = await (await page.request.get('/api/session')).json() as { csrfToken: string; centerId: number }
  const r: APIRequestContext = page.request
  return {
    page, centerId: session.centerId,
    api: { async post(url, data) { const res = await r.post(url, { headers: { 'x-csrf-token': session.csrfToken }, data }); return { status: res.status(), body: await res.json() } } },
  }
}

async function item(page: Page, name: string) {
  const found = (await (await page.request.get(`/api/public/items?q=${encodeURIComponent(name)}`)).json()).items.find((i: { name: string }) => i.name === name) as { id: number }
  return { id: found.id, materials: ((await (await page.request.get(`/api/public/items/${found.id}`)).json()).materials as { id: number; required: boolean }[]) }
}

/** Opens a document from the case page's print list; checks the A4 frame, its 文号 and its QR code. */
async function openDoc(page: Page, caseId: number, title: string, docNo: RegExp, issuer: string) {
  await page.goto(`/app/cases/${caseId}`)
  await page.goto((await page.getByRole('link', { name: title, exact: true }).getAttribute('href'))!)
  await page.getByRole('heading', { name: title, level: 1 }).waitFor()
  await expect(page.locator('.notice-docno').textContent()).resolves.toMatch(docNo)
  await expect(page.locator('.notice-org').textContent()).resolves.toBe(issuer)
  await page.getByRole('img', { name: '办理进度查询二维码' }).waitFor()
  await expect(page.locator('.notice-facts').textContent()).resolves.toContain('作出机关')
}

const cases = [
  { label: '许可', name: '固定资产投资项目节能审查', dept: '区经改局', short: '经改', approver: 'approver.jg', reviewer: 'approver2.jg', head: 'head.jg', wording: '准予许可', denial: '不予许可', org: true },
  { label: '确认', name: '工伤认定', dept: '区人社局', short: '人社', approver: 'approver.rs', reviewer: 'approver2.rs', head: 'head.rs', wording: '予以确认', denial: '不予确认', org: false },
] as const

describe('printed documents by outcome and item type', () => {
  for (const k of cases) {
    it(`a ${k.label} item: 一次性告知书, 受理通知书, 特别程序告知书, 延期通知书, ${k.wording}决定书, ${k.denial}决定书, 不予受理决定书`, async () => {
      const clerk = await apiFor(env, 'district.clerk1')
      const approver = await apiFor(env, k.approver)
      const reviewer = await apiFor(env, k.reviewer) // separation of duties: 审核 by another approver of the department
      const head = await apiFor(env, k.head)
      const it = await item(clerk.page, k.name)
      const applicant = k.org
        ? { kind: 'organization', name: '武汉节能科技有限公司', idNumber: CREDIT17 + creditCheckChar(CREDIT17), phone: '13907170011' }
        : { kind: 'person', name: '王建国', idNumber: ID17 + checkDigit(ID17), phone: '13907170012' }
      const intake = async (over: Record<string, unknown> = {}) => {
        const r = await clerk.api.post('/api/cases', {
          requestId: `legal-${k.org ? 'jg' : 'rs'}-${++seq}-${Date.now()}`, itemId: it.id, centerId: clerk.centerId, applicant,
          materials: it.materials.map((m) => ({ materialId: m.id, received: true })), ...over,
        })
        expect(r.status, JSON.stringify(r.body)).toBe(201)
        return r
      }
      const act = async (who: Api, id: number, action: string, body: Record<string, unknown> = {}) => {
        const r = await who.post(`/api/cases/${id}/actions/${action}`, body)
        expect(r.status, JSON.stringify(r.body)).toBe(200)
        return r.body
      }
      const first = it.materials.find((m) => m.required)!
      // Case 1: a defective material, the one-time notice; supplied, accepted; a hearing; an extension; the decision.
      const c1 = (await intake({ materials: it.materials.map((m) => ({ materialId: m.id, received: true, ...(m.id === first.id ? { problem: '未加盖公章' } : {}) })) })).body as { id: number }
      const docNo = (t: string) => new RegExp(`^${k.short}${t}〔\\d{4}〕\\d+号$`)
      const page = clerk.page
      await openDoc(page, c1.id, '一次性告知书', docNo('补'), '区行政服务中心')
      await page.locator('.notice-list').getByText('未加盖公章').waitFor()
      await page.getByText(`受${k.dept}委托`).waitFor()
      await page.locator('.seal-circle').getByText('区行政服务中心受理专用章').waitFor()
      await act(clerk.api, c1.id, 'supplement', { materials: [{ materialId: first.id, received: true }] })
      const view = (await (await page.request.get(`/api/cases/${c1.id}`)).json()) as { dueDate: string; legalDueDate: string; daysUnit: string }
      await openDoc(page, c1.id, '受理通知书', docNo('受'), '区行政服务中心')
      const day = (iso: string) => { const [y, m, d] = iso.split('-').map(Number); return `${y}年${m}月${d}日` }
      await page.getByText(`法定办结日期为 ${day(view.legalDueDate)}`).waitFor()
      await page.getByText(`${k.dept}决定予以受理`).waitFor()
      expect(view.daysUnit).toBe(k.org ? 'workday' : 'calendar')
      await screenshot(page, `legal-accept-${k.short}`)
      // the legal date falls in a year without the State Council's notice: the case page names that year
      await page.goto(`/app/cases/${c1.id}`)
      await page.locator('.provisional-warning').getByText(new RegExp(`${view.legalDueDate.slice(0, 4)} 年的放假安排尚未由国务院办公厅公布`)).waitFor()

      for (const [who, opinion] of [[approver, '承办意见'], [reviewer, '审核意见']] as const) await act(who.api, c1.id, 'advance', { opinion })
      await act(approver.api, c1.id, 'suspend', { kind: 'expert_review', reason: '组织专家评审', days: 15 })
      await act(approver.api, c1.id, 'resume')
      await openDoc(page, c1.id, '特别程序告知书', docNo('特'), k.dept)
      await page.getByText(/需依法进行专家评审：组织专家评审，预计所需时间 15 日/).waitFor()
      await page.getByText(/第四十五条/).waitFor()
      await page.locator('.seal-circle').getByText(`${k.dept}（盖章处）`).waitFor()
      await act(approver.api, c1.id, 'request_extension', { days: 5, reason: '需补充调查' })
      const ext = await act(head.api, c1.id, 'extend', { days: 5, reason: '需补充调查' }) as { dueDate: string }
      await openDoc(page, c1.id, '延期通知书', docNo('延'), k.dept)
      await page.getByText(new RegExp(`因需补充调查.*延长 5 ${k.org ? '个工作日' : '日'}，办结日期延至 ${day(ext.dueDate)}`)).waitFor()
      await act(approver.api, c1.id, 'approve')
      await openDoc(page, c1.id, `${k.wording}决定书`, docNo('决'), k.dept)
      await page.getByText(new RegExp(`本机关于 .* 决定${k.wording}。办理结果`)).waitFor()
      await screenshot(page, `legal-decision-${k.short}`)
      if (k.org) {
        // 行政许可法 §44: the permit's issue, a step of its own with its due date, in the approver's inbox and on the case page
        await page.getByText(/十个工作日内颁发、送达.*第四十四条/).waitFor()
        const ap = approver.page
        await ap.goto('/app/inbox')
        await ap.locator('.ant-table-row', { hasText: '发证（10 个工作日内）' }).first().waitFor()
        await ap.goto(`/app/cases/${c1.id}`)
        await ap.locator('.case-steps .ant-table-row', { hasText: '发证（10 个工作日内）' }).waitFor()
        await ap.getByRole('button', { name: '制发许可证件' }).click()
        await ap.getByLabel('证件编号').fill('经改节能〔2026〕18号')
        await ap.locator('.ant-modal').getByRole('button', { name: '制发许可证件' }).click()
        await ap.locator('.ant-timeline').getByText(/制发许可证件，证件编号 经改节能〔2026〕18号/).waitFor()
        await expect(ap.getByRole('button', { name: '制发许可证件' }).count()).resolves.toBe(0)
        await screenshot(ap, 'legal-permit-issued')
      } else {
        await expect(page.locator('article').textContent()).resolves.not.toMatch(/第四十四条/)
      }

      // Case 2: denied; its own document with the review body (60 days) and the court (6 months).
      const c2 = (await intake()).body as { id: number }
      for (const [who, opinion] of [[approver, '承办意见'], [reviewer, '审核意见']] as const) await act(who.api, c2.id, 'advance', { opinion })
      // the approver denies on the case page, in the item's words (a 工伤认定 is 不予确认, not 不予许可)
      const ap = approver.page
      await ap.goto(`/app/cases/${c2.id}`)
      await ap.getByRole('button', { name: k.denial, exact: true }).click()
      await ap.getByLabel(`${k.denial}的理由`).fill('申请材料反映的情况不符合法定条件')
      await ap.locator('.ant-modal').getByRole('button', { name: k.denial, exact: true }).click()
      await ap.locator('.ant-timeline').getByText('申请材料反映的情况不符合法定条件').first().waitFor()
      await openDoc(page, c2.id, `${k.denial}决定书`, docNo('不许'), k.dept)
      await page.getByText(new RegExp(`本机关于 .* 决定${k.denial}。理由如下`)).waitFor()
      await page.getByText('申请材料反映的情况不符合法定条件').waitFor()
      await page.getByText(new RegExp(`六十日内向区人民政府申请行政复议.*六个月内向区人民法院提起行政诉讼.*作出机关：${k.dept}`)).waitFor()
      await screenshot(page, `legal-denial-${k.short}`)

      // Case 3: refused at the window, in the department's name.
      const c3 = (await intake({ materials: [], refuse: { reason: '不属于本机关职权范围', referTo: '市发展和改革委员会' } })).body as { id: number }
      await openDoc(page, c3.id, '不予受理决定书', docNo('不受'), k.dept)
      await page.getByText(new RegExp(`作出机关：${k.dept}`)).waitFor()
      await expect(page.locator('article').textContent()).resolves.not.toMatch(/作出机关：区行政服务中心/)
      for (const p of [clerk.page, approver.page, head.page]) await p.context().close()
    }, 480_000) // seven documents and the permit walk on a shared, loaded machine
  }
})

describe('工作日历: a provisional year, then its official notice', () => {
  it('the administrator sees 2027\'s provisional days, pastes the notice and confirms it with one action', async () => {
    const admin = await env.newPage()
    await env.login(admin, 'admin')
    await admin.getByRole('menuitem', { name: '工作日历' }).click()
    await admin.waitForURL(/\/app\/calendar$/)
    await admin.getByLabel('年份').fill('2027')
    await admin.getByText('2027 年的放假安排尚未录入').waitFor()
    const row = admin.locator('.calendar-days .ant-table-row', { hasText: '2027-02-09' })
    await row.getByText('春节补休').waitFor()
    await row.getByText('临时推算').waitFor()
    await screenshot(admin, 'calendar-provisional')
    await admin.getByRole('button', { name: '以上表为底稿' }).click()
    const area = admin.getByLabel('通知中的放假与调休安排')
    await area.fill((await area.inputValue()) + '\n2027-02-20 春节调休 班\nnot a line')
    await admin.getByText('第 21 行格式不对').waitFor()
    await area.fill((await area.inputValue()).replace('\nnot a line', ''))
    await admin.getByRole('button', { name: /确认 2027 年官方安排（20 天）/ }).click()
    await admin.getByText('已确认（国务院办公厅公布）').waitFor()
    await admin.locator('.calendar-days .ant-table-row', { hasText: '2027-02-20' }).getByText('管理员录入').waitFor()
    await screenshot(admin, 'calendar-confirmed')
    const dl = await (await admin.request.get('/api/calendar/deadline?from=2027-02-19&days=1')).json()
    expect(dl).toMatchObject({ due: '2027-02-20', confirmed: true, provisional: false })
    await admin.context().close()
  })
})
