// 容缺受理 of one item in Chromium: the clerk accepts 生育服务登记 with 结婚证 missing on the applicant's commitment
// (a date past the item's rule is refused on the form), served 上门办 by a named staff member; the case page shows the
// commitment step with its light and the 承诺书 prints; the date passes (the light turns red) and the manager suspends
// the case for it; the 结婚证 arrives by mail and closes the commitment; the applicant's phone shows it.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkDigit } from '../../src/domain/id-number.js'
import { TestClock } from '../helpers/hall.js'
import { caseAction as act, screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
const clock = new TestClock(new Date())
beforeAll(async () => { env = await startEnv({ clock }) })
afterAll(async () => { await env?.close() })

const ID17 = '42010219851120452'
const ID_NUMBER = ID17 + checkDigit(ID17)
const chinaToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(clock.now())

it('accepts with a commitment (上门办), prints the 承诺书, the missed date turns it red and suspends, the mailed 结婚证 closes it', async () => {
  const clerk = await env.newPage()
  clerk.on('pageerror', (e) => console.error('pageerror', e))
  await env.login(clerk, 'district.clerk2')
  await clerk.goto('/app/intake')
  await clerk.getByLabel('办理事项').fill('生育服务')
  await clerk.locator('.ant-select-item-option', { hasText: '生育服务登记' }).click()
  await clerk.getByLabel('申请人姓名').fill('周秀英')
  await clerk.getByLabel('居民身份证号码').fill(ID_NUMBER)
  await clerk.getByLabel('联系电话').fill('13907170123')
  for (const m of ['夫妻双方居民身份证', '户口簿', '生育登记表']) await clerk.getByRole('checkbox', { name: new RegExp(`^${m} 必交`) }).check()
  await clerk.getByText(/缺少 1 项必交材料.*结婚证/).waitFor()
  // 申请表 and 身份证明 are never offered for 容缺: only 结婚证 is
  await expect.poll(() => clerk.getByRole('checkbox', { name: /容缺，承诺后补/ }).count()).toBe(1)
  await clerk.getByRole('checkbox', { name: '结婚证 容缺，承诺后补' }).check()
  await clerk.getByText('材料齐全，提交后受理并开始计时').waitFor()
  const latest = (await clerk.getByText(/^最迟 \d{4}-\d{2}-\d{2}/).textContent())!.slice(3, 13)
  const [y, mo, d] = latest.split('-').map(Number)
  const tooLate = new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10)
  await clerk.getByLabel('承诺补交日期').fill(tooLate)
  await clerk.getByLabel('承诺补交日期').blur()
  await clerk.getByText(`不能晚于 ${latest}`).waitFor()
  await clerk.getByLabel('承诺补交日期').fill(latest)
  // 上门办: the staff member who went and the visit's date
  await clerk.getByLabel('办理渠道').click()
  await clerk.locator('.ant-select-item-option', { hasText: '上门办' }).click()
  await clerk.getByLabel('陪同/上门工作人员').click()
  await clerk.locator('.ant-select-dropdown').last().locator('.ant-select-item-option').first().waitFor()
  await clerk.getByLabel('陪同/上门工作人员').press('Enter')
  await clerk.getByLabel('上门日期').fill(chinaToday())
  await screenshot(clerk, 'commitment-intake')
  await clerk.getByRole('button', { name: '提交' }).click()

  await clerk.waitForURL(/\/app\/cases\/\d+$/)
  const caseUrl = clerk.url()
  const number = (await clerk.locator('.case-number').textContent())!.trim()
  const code = (await clerk.locator('.code-cell').nth(1).textContent())!.trim()
  await clerk.locator('.commitment-card .commitment-due', { hasText: latest }).waitFor()
  await clerk.locator('.commitment-card').getByText('待补交').waitFor()
  await clerk.locator('.commitment-card .light-green').waitFor()
  await clerk.getByText('上门办').first().waitFor()
  const row = await env.db.selectFrom('cases').select(['channel', 'channel_staff_id', 'visit_date']).where('number', '=', number).executeTakeFirstOrThrow()
  expect(row.channel).toBe('home_visit')
  expect(row.channel_staff_id).not.toBeNull()
  const letter = await clerk.getByRole('link', { name: '容缺受理承诺书' }).getAttribute('href')
  await clerk.goto(letter!)
  await clerk.locator('.commitment-materials').getByText('结婚证').waitFor()
  await clerk.getByRole('img', { name: '办理进度查询二维码' }).waitFor()

  // The date passes: the commitment's light turns red (the case's own light is its own); the manager suspends the case.
  clock.advance(14 * 86_400_000)
  const manager = await env.newPage()
  await env.login(manager, 'district.manager1')
  await manager.goto(caseUrl)
  await manager.locator('.commitment-card .light-red').waitFor()
  await act(manager, '承诺逾期挂起')
  await manager.locator('.ant-tag', { hasText: '计时暂停中' }).waitFor()
  await screenshot(manager, 'commitment-lapsed')

  // The 结婚证 comes by mail: handed in, the commitment is kept (no trip to the window).
  await clerk.goto(caseUrl)
  await act(clerk, '补交容缺材料', (dlg) => dlg.getByRole('radio', { name: '邮寄' }).check())
  await clerk.locator('.commitment-card').getByText('已履行').waitFor()
  const via = await env.db.selectFrom('case_materials as m').innerJoin('cases as k', 'k.id', 'm.case_id').select('m.handed_in_via')
    .where('k.number', '=', number).where('m.name', '=', '结婚证').executeTakeFirstOrThrow()
  expect(via.handed_in_via).toBe('mail')

  const phone = await env.newPage({ mobile: true })
  await phone.goto(`/progress?${new URLSearchParams({ number, code })}`)
  await phone.locator('.progress-commitment').getByText('容缺材料已补交：结婚证').waitFor()
  await phone.getByText('承诺期限内未补交材料，暂停办理').waitFor()
  await screenshot(phone, 'commitment-progress-phone')
}, 300_000)
