// 承诺件 from intake to pick-up, as the "Done when" says: a clerk records 不动产抵押登记 with one material
// missing and prints the one-time notice; the material arrives and the case is accepted (receipt with its QR code);
// the department works 承办 → 审核 → 批准; the result is handed over and picked up; the citizen's progress page,
// opened from the QR code on a phone, shows every step.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkDigit } from '../../src/domain/id-number.js'
import { caseAction as act, screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

const ID17 = '42010219880315123'
const ID_NUMBER = ID17 + checkDigit(ID17)

/** Opens a printed notice of the case on the current page; returns the URL its QR code encodes. */
async function openNotice(page: Page, title: string): Promise<string> {
  const href = await page.getByRole('link', { name: title, exact: true }).getAttribute('href')
  await page.goto(href!)
  await page.getByRole('heading', { name: title, level: 1 }).waitFor()
  const qr = page.getByRole('img', { name: '办理进度查询二维码' })
  await qr.waitFor()
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/)
  return (await qr.getAttribute('data-url'))!
}

describe('承诺件 一窗受理 → 办结 → 进度查询', () => {
  it('walks a promised case from intake with a missing material to pick-up, and the citizen sees every step', async () => {
    const clerk = await env.newPage()
    clerk.on('pageerror', (e) => console.error('pageerror', e))
    clerk.on('console', (m) => { if (m.type() === 'error') console.error('console', m.text()) })
    await env.login(clerk, 'district.clerk3')
    await clerk.getByRole('menuitem', { name: '一窗受理' }).click()
    await clerk.waitForURL(/\/app\/intake$/)

    // The item by name; the applicant; four of the five materials (主债权合同 missing).
    await clerk.getByLabel('办理事项').fill('不动产抵押')
    await clerk.locator('.ant-select-item-option', { hasText: '不动产抵押登记' }).click()
    await clerk.getByText('承诺件 · 法定 30 / 承诺 5 个工作日').waitFor()
    await clerk.getByLabel('申请人姓名').fill('张建军')
    await clerk.getByLabel('居民身份证号码').fill(ID17 + '0' === ID_NUMBER ? ID17 + '1' : ID17 + '0') // a wrong check digit first
    await clerk.getByLabel('联系电话').click()
    await clerk.getByText('身份证号码无效').waitFor()
    await clerk.getByLabel('居民身份证号码').fill(ID_NUMBER)
    await clerk.getByLabel('联系电话').fill('13907170001')
    for (const m of ['不动产登记申请书', '抵押人、抵押权人身份证明', '不动产权属证书', '抵押合同']) {
      await clerk.getByRole('checkbox', { name: new RegExp(`^${m}`) }).check()
    }
    await clerk.getByText(/缺少 1 项必交材料.*主债权合同/).waitFor()
    await screenshot(clerk, 'case-intake')
    await clerk.getByRole('button', { name: '提交' }).click()
    await clerk.waitForURL(/\/app\/cases\/\d+$/)
    const caseUrl = clerk.url()
    await clerk.locator('.page-head .ant-tag', { hasText: '补正' }).waitFor()
    const number = (await clerk.locator('.case-number').textContent())!.trim()
    expect(number).toMatch(/^D01-\d{4}-\d{7}$/)

    // The one-time notice lists the missing material and carries the QR code.
    const correctionQr = await openNotice(clerk, '一次性告知书')
    await clerk.locator('.notice-list').getByText('主债权合同').waitFor()
    // 文号: the deciding department's short name, the type, the year and a gapless number
    await expect(clerk.locator('.notice-docno').textContent()).resolves.toMatch(/^国土补〔\d{4}〕\d+号$/)
    await expect(clerk.locator('.notice-facts').textContent()).resolves.toContain(ID_NUMBER.slice(0, 4) + '**********' + ID_NUMBER.slice(-4))
    await screenshot(clerk, 'case-notice-correction')

    // The material is brought: 补齐材料 accepts the case that day.
    await clerk.goto(caseUrl)
    await act(clerk, '补齐材料', async (d) => { await expect(d.getByRole('checkbox', { name: /主债权合同/ }).isChecked()).resolves.toBe(true) }, '已受理')
    const receiptQr = await openNotice(clerk, '受理通知书')
    expect(receiptQr).toBe(correctionQr)
    expect(receiptQr).toContain(`/progress?number=${encodeURIComponent(number)}&code=`)
    await clerk.getByText(/承诺办结日期为 \d{4}年\d{1,2}月\d{1,2}日（5 个工作日/).waitFor()
    await screenshot(clerk, 'case-notice-accept')
    // Printed, the receipt is one A4 page (595 × 842 pt) without the toolbar.
    const pdf = (await clerk.pdf({ preferCSSPageSize: true })).toString('latin1')
    expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1)
    expect(pdf).toMatch(/\/MediaBox\s*\[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/)

    // The department: 承办, 审核 (advance), then 批准 (approve), from the approvers' inbox; separation of duties: who did
    // 承办 is not offered 审核 (the page says who did it), a colleague of the department takes it.
    const approver = await env.newPage()
    await env.login(approver, 'approver.gt')
    await approver.getByRole('menuitem', { name: '我的待办' }).click()
    await approver.locator('.inbox-table').getByRole('link', { name: number }).click()
    await approver.waitForURL(caseUrl.replace(/^.*(\/app\/cases\/\d+)$/, '**$1'))
    await act(approver, '提交本环节意见', (d) => d.getByLabel('承办意见').fill('材料齐全，抵押物权属清楚'), '办理中')
    await approver.locator('.case-separated').getByText(/上一环节「承办」由.+办理/).waitFor()
    await expect(approver.locator('.case-actions').getByRole('button', { name: '提交本环节意见' }).count()).resolves.toBe(0)
    await screenshot(approver, 'case-separated')
    const reviewer = await env.newPage()
    await env.login(reviewer, 'approver2.gt')
    await reviewer.goto(caseUrl)
    await act(reviewer, '提交本环节意见', (d) => d.getByLabel('审核意见').fill('审核通过，同意登记'), '办理中')
    await approver.reload()
    await act(approver, '予以登记', async () => {}, '准予') // a 行政确认 registration: 予以登记, not 准予许可
    const steps = approver.locator('.case-steps tbody tr.ant-table-row')
    await expect(steps.count()).resolves.toBe(3)
    for (const [i, kind] of ['承办', '审核', '批准'].entries()) await expect(steps.nth(i).textContent()).resolves.toContain(kind)
    await screenshot(approver, 'case-approved')

    // The window hands the result over; the applicant picks it up.
    await clerk.goto(caseUrl)
    await act(clerk, '送达结果', async () => {}, '准予')
    await act(clerk, '申请人领取', async () => {}, '已办结')
    await clerk.getByText('当前没有您可以办理的操作').waitFor()
    await openNotice(clerk, '予以登记决定书')
    await clerk.getByText(/决定予以登记。办理结果：《不动产登记证明》（抵押权）/).waitFor()
    await screenshot(clerk, 'case-notice-done')

    // The citizen scans the QR code on a phone: every step, with its center, no login.
    const citizen = await env.newPage({ mobile: true })
    await citizen.goto(receiptQr)
    const events = citizen.locator('.progress-events .ant-timeline-item')
    await citizen.locator('.progress-result').getByText('张**').waitFor()
    await expect(events.count()).resolves.toBe(7)
    const texts = await events.allTextContents()
    for (const s of ['需补正材料（一次性告知）：主债权合同', '材料已补齐，已受理', '审查环节已完成', '予以登记', '办理结果已送达', '申请人已领取，办结']) {
      expect(texts.join('\n')).toContain(s)
    }
    expect(texts.join('\n')).not.toContain('准予许可') // a registration is 予以登记 for the citizen too
    for (const text of texts) expect(text).toContain('区行政服务中心')
    expect(texts.join('\n')).not.toContain(ID_NUMBER)
    await screenshot(citizen, 'case-progress-mobile')

    // A wrong query code finds nothing.
    await citizen.goto(`/progress?number=${encodeURIComponent(number)}&code=ZZZZZZ`)
    await citizen.getByText('办件编号与查询码不匹配').waitFor()
    for (const p of [clerk, approver, citizen]) await p.context().close()
  }, 480_000)
})
