// 新生儿出生一件事 end to end in Chromium, as the "Done when" says: a window clerk takes the bundle for a family
// with 结婚证 missing under 容缺 (one form, the merged material list, one submit), prints the receipt and the 承诺书;
// each part reaches its own department; the applicant follows every part on a phone (大字版 too); the 结婚证 handed in
// two days later closes the commitment. The server's clock is a test clock starting now (the browser's today).
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkDigit } from '../../src/domain/id-number.js'
import { TestClock } from '../helpers/hall.js'
import { choose, screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
const clock = new TestClock(new Date())
beforeAll(async () => { env = await startEnv({ clock }) })
afterAll(async () => { await env?.close() })

const ID17 = '42010219900512341'
const ID_NUMBER = ID17 + checkDigit(ID17)
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\（）]/g, '\\$&')

/** A link opened in this page (print links open a new tab for people). */
async function follow(page: Page, name: string | RegExp) {
  const href = await page.getByRole('link', { name }).first().getAttribute('href')
  await page.goto(href!)
}

it('takes 新生儿出生一件事 with 结婚证 under 容缺, prints, each part reaches its department, the phone follows, the hand-in closes it', async () => {
  const clerk = await env.newPage()
  clerk.on('pageerror', (e) => console.error('pageerror', e))
  await env.login(clerk, 'district.clerk1')
  await clerk.getByRole('menuitem', { name: '一窗受理' }).click()
  await clerk.getByRole('link', { name: '一件事一次办' }).click()
  await clerk.waitForURL(/\/app\/intake\/bundle$/)

  await clerk.getByLabel('一件事').click()
  await clerk.locator('.ant-select-item-option', { hasText: '新生儿出生一件事' }).click()
  await clerk.locator('.bundle-parts').getByText('生育服务登记').waitFor()
  await clerk.locator('.bundle-parts').getByText('社会保障卡申领').waitFor()
  await clerk.getByLabel('新生儿姓名').fill('李小满')
  await clerk.getByLabel('出生日期').fill('2026-11-28')
  await clerk.getByLabel('申请人姓名').fill('李春华')
  await clerk.getByLabel('居民身份证号码').fill(ID_NUMBER)
  await clerk.getByLabel('联系电话').fill('13907170088')
  for (const m of ['夫妻双方居民身份证', '户口簿', '生育登记表', '居民身份证', '社会保障卡申领登记表', '近期彩色免冠证件照（现场采集）']) {
    await clerk.getByRole('checkbox', { name: new RegExp(`^${esc(m)} 必交`) }).check()
  }
  await clerk.getByText(/缺少 1 项必交材料.*结婚证/).waitFor()
  await clerk.getByRole('checkbox', { name: '结婚证 容缺，承诺后补' }).check()
  await clerk.getByText(/申请人承诺于 \d{4}-\d{2}-\d{2} 前补交：结婚证/).waitFor()
  await clerk.getByText('材料齐全，提交后 2 项事项同时受理').waitFor()
  await screenshot(clerk, 'bundle-intake')
  await clerk.getByRole('button', { name: '提交一件事' }).click()

  await clerk.waitForURL(/\/app\/bundle-cases\/\d+$/)
  const bundleUrl = clerk.url()
  const number = (await clerk.locator('.bundle-number').textContent())!.trim()
  const code = (await clerk.locator('.bundle-code').textContent())!.trim()
  expect(number).toMatch(/^D01-\d{4}-B\d+$/)
  const parts = clerk.locator('.bundle-case-parts tbody tr.ant-table-row')
  await expect.poll(() => parts.count()).toBe(2)
  const due = (await clerk.locator('.bundle-case-parts').getByText(/前补交$/).textContent())!.slice(0, 10)
  await screenshot(clerk, 'bundle-case')

  // The receipt lists both parts with the bundle's number, code and QR code; the 承诺书 names 结婚证, the date, the consequence.
  await follow(clerk, '一件事受理回执')
  await clerk.getByRole('heading', { name: '一件事一次办受理回执', level: 1 }).waitFor()
  await expect.poll(() => clerk.locator('.bundle-receipt-parts tbody tr').count()).toBe(2)
  expect(await clerk.locator('.bundle-receipt-parts').textContent()).toMatch(/生育服务登记.*社会保障卡申领/)
  expect(await clerk.getByRole('img', { name: '办理进度查询二维码' }).getAttribute('data-url')).toContain(encodeURIComponent(number))
  await screenshot(clerk, 'bundle-receipt')
  await clerk.goto(bundleUrl)
  await follow(clerk, '容缺受理承诺书（生育服务登记）')
  await clerk.getByRole('heading', { name: '容缺受理承诺书', level: 1 }).waitFor()
  await clerk.locator('.commitment-materials').getByText('结婚证').waitFor()
  const [y, m, d] = due.split('-').map(Number)
  expect(await clerk.locator('.commitment-promise').textContent()).toContain(`${y}年${m}月${d}日前补交`)
  expect(await clerk.locator('.commitment-consequence').textContent()).toContain('暂停办理')
  await screenshot(clerk, 'bundle-commitment-letter')

  // Each part at its own department: the 生育 case's commitment step on the case page; each approver's inbox holds its part.
  const rows = await env.db.selectFrom('cases as k').innerJoin('departments as d', 'd.id', 'k.department_id')
    .select(['k.id', 'k.number', 'k.item_name as itemName', 'd.code']).where('k.bundle_case_id', 'is not', null).orderBy('k.id').execute()
  expect(rows.map((r) => [r.itemName, r.code])).toEqual([['生育服务登记', 'D-JS'], ['社会保障卡申领', 'D-RS']])

  // The applicant on a phone: the bundle, both parts, and what must be handed in by when; then in 大字版.
  const phone = await env.newPage({ mobile: true })
  await phone.goto(`/progress?${new URLSearchParams({ number, code })}`)
  await phone.locator('.progress-bundle').getByText('新生儿出生一件事').waitFor()
  await expect.poll(() => phone.locator('.progress-result').count()).toBe(2)
  await phone.locator('.progress-commitment').getByText(`请于 ${due} 前补交：结婚证`).waitFor()
  await screenshot(phone, 'bundle-progress-phone')
  await phone.getByRole('button', { name: '大字版' }).click()
  await phone.getByRole('button', { name: '标准版' }).waitFor()
  const size = await phone.locator('.progress-commitment .ant-alert-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
  expect(size).toBeGreaterThanOrEqual(20)
  await screenshot(phone, 'bundle-progress-phone-large')

  // Two days later the 结婚证 comes to the window: 补交容缺材料 closes the commitment.
  clock.advance(2 * 86_400_000)
  await clerk.goto(`/app/cases/${rows[0].id}`)
  await clerk.locator('.commitment-card').getByText('待补交').waitFor()
  await clerk.locator('.case-steps').getByText('容缺承诺补交').waitFor()
  await clerk.locator('.case-actions').getByRole('button', { name: '补交容缺材料', exact: true }).click()
  const dialog = clerk.getByRole('dialog')
  expect(await dialog.getByRole('checkbox', { name: '结婚证' }).isChecked()).toBe(true)
  await dialog.getByRole('button', { name: '补交容缺材料', exact: true }).click()
  await dialog.waitFor({ state: 'detached' })
  await clerk.locator('.commitment-card').getByText('已履行').waitFor()
  await screenshot(clerk, 'bundle-case-handed-in')

  await phone.reload()
  await phone.locator('.progress-commitment').getByText('容缺材料已补交：结婚证').waitFor()
  await phone.getByText(/容缺材料已补交：窗口补交容缺材料：结婚证/).waitFor()
}, 300_000)

it('an administrator defines a bundle, edits its shared form and retires it (gone from the window\'s choice)', async () => {
  const admin = await env.newPage()
  await env.login(admin, 'district.manager1')
  // the statistics count the bundle's two parts by channel; its trips once
  await admin.goto('/app/statistics')
  const channels = admin.getByTestId('channels-card')
  await channels.locator('tr', { hasText: '窗口办理' }).getByText('2', { exact: true }).first().waitFor()
  await channels.getByText(/^2 件，跑动 [12] 次/).first().waitFor()
  await screenshot(admin, 'statistics-channels')
  await admin.getByRole('menuitem', { name: '一件事管理' }).click()
  await admin.locator('.bundles-table').getByText('新生儿出生一件事').waitFor()
  await admin.getByRole('button', { name: '新建一件事' }).click()
  const drawer = admin.locator('.ant-drawer')
  await drawer.getByLabel('名称').fill('城乡养老参保一件事')
  const parts = drawer.locator('.ant-form-item', { hasText: '包含事项' })
  for (const q of ['城乡居民养老', '社会保障卡申领']) {
    await choose(admin, () => drawer.getByLabel('包含事项').fill(q), q, parts.locator(`[title*="${q}"]`))
  }
  await drawer.getByRole('button', { name: '添加共用字段' }).click()
  await drawer.getByLabel('字段名称，如：新生儿姓名').fill('参保档次')
  await screenshot(admin, 'bundles-admin-new')
  await admin.getByRole('button', { name: '保存' }).click()
  const row = admin.locator('.bundles-table tr', { hasText: '城乡养老参保一件事' })
  await row.getByText('参保档次').waitFor()
  await row.getByText(/社会保障卡申领 · /).waitFor()

  // edit: a second shared field
  await row.getByText('编辑').click()
  await drawer.getByRole('button', { name: '添加共用字段' }).click()
  await drawer.getByLabel('字段名称，如：新生儿姓名').nth(1).fill('银行账户')
  await admin.getByRole('button', { name: '保存' }).click()
  await row.getByText('参保档次、银行账户').waitFor()

  // retire: the window's choice no longer offers it
  await row.getByText('停用').click()
  await admin.getByRole('button', { name: /确\s*定|OK/ }).click()
  await row.getByText('已停用').or(row.locator('.ant-tag', { hasText: '停用' })).first().waitFor()
  await screenshot(admin, 'bundles-admin')
  const clerk = await env.newPage()
  await env.login(clerk, 'district.clerk3')
  await clerk.goto('/app/intake/bundle')
  await clerk.getByLabel('一件事').click()
  await clerk.locator('.ant-select-item-option', { hasText: '新生儿出生一件事' }).waitFor()
  expect(await clerk.locator('.ant-select-item-option', { hasText: '城乡养老参保一件事' }).count()).toBe(0)
}, 200_000)
