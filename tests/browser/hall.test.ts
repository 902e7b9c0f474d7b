// The hall in Chromium: a ticket from the kiosk seen on the display board, called from the window panel, served
// into a case, rated on the slip's follow page, and found in the statistics; an appointment booked on the public page, checked in at the kiosk and
// called before a walk-in (generous timeouts: the shared machine can be very slow). The server's clock is a test clock (a Tuesday, 10:00 in China) moved forward by hand.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CapturingSender, TestClock, TUESDAY_10 } from '../helpers/hall.js'
import type { Client } from '../helpers/app.js'
import { offeredItem, recordCase } from '../helpers/supervision.js'
import { DEMO_PASSWORD, screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
let centerId: number
let windowId: number
const clock = new TestClock(new Date(TUESDAY_10))
const sms = new CapturingSender()

beforeAll(async () => {
  env = await startEnv({ clock, smsSender: sms })
  const center = await env.db.selectFrom('centers').select('id').where('code', '=', 'D01').executeTakeFirstOrThrow()
  centerId = center.id
  windowId = (await env.db.selectFrom('windows').select('id').where('center_id', '=', centerId).where('number', '=', '1').executeTakeFirstOrThrow()).id
  const item = await env.db.selectFrom('item_offerings').select('item_id').where('center_id', '=', centerId).orderBy('item_id').executeTakeFirstOrThrow()
  const cat = await env.db.insertInto('hall_categories').values({ center_id: centerId, prefix: 'A', name: '综合受理', slot_capacity: 3 }).returning('id').executeTakeFirstOrThrow()
  await env.db.insertInto('hall_category_items').values({ category_id: cat.id, item_id: item.item_id }).execute()
  await env.db.insertInto('hall_window_categories').values({ window_id: windowId, category_id: cat.id }).execute()
})
afterAll(() => env?.close())

/** An immediate (即办) case done on the spot by district.clerk1 through the API: the number a ticket links to. */
async function caseRecordedAt(center: number): Promise<string> {
  const login = await env.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'district.clerk1', password: DEMO_PASSWORD } })
  const headers = { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-csrf-token': login.json().csrfToken as string }
  const client = { post: (url: string, body?: unknown) => env.app.inject({ method: 'POST', url, headers, payload: body as object }) } as unknown as Client
  return (await recordCase(client, center, await offeredItem(env.db, center, 'immediate'), { complete: true })).number
}

it('takes a ticket at the kiosk, shows and calls it, serves it into a case, and counts it', async () => {
  const display = await env.newPage()
  await display.goto(`/hall/display/${centerId}`)
  await display.getByRole('heading', { name: '区行政服务中心' }).or(display.locator('h1')).first().waitFor()

  const kiosk = await env.newPage()
  await kiosk.goto(`/hall/kiosk/${centerId}`)
  await kiosk.getByRole('button', { name: /A 综合受理/ }).click()
  await expect.poll(() => kiosk.getByTestId('ticket-number').textContent()).toBe('A001')
  await kiosk.getByText('前面还有 0 人').waitFor()
  expect(await kiosk.getByRole('img', { name: '微信扫码查看排队进度' }).locator('svg').count()).toBe(1)
  await screenshot(kiosk, 'hall-kiosk-slip')
  await expect.poll(() => display.getByTestId('waiting-counts').textContent()).toContain('A 综合受理1')

  clock.advance(6 * 60_000)
  const clerk = await env.newPage()
  await env.login(clerk, 'district.clerk1')
  await clerk.goto('/app/hall/window')
  await clerk.getByRole('button', { name: '叫号' }).click()
  await expect.poll(() => clerk.getByTestId('panel-call-text').textContent()).toContain('请A001号到1号窗口办理')
  await expect.poll(() => display.getByTestId('call-text').textContent()).toBe('请A001号到1号窗口办理')
  await screenshot(display, 'hall-display')

  await clerk.getByRole('button', { name: '开始办理' }).click()
  await clerk.getByText('办理中 · 已叫 1 次').waitFor()
  clock.advance(4 * 60_000)
  const produced = await caseRecordedAt(centerId) // the case this service produced, recorded at the window
  await clerk.getByLabel('办件编号').fill(produced)
  await clerk.getByRole('button', { name: '关联办件' }).click()
  await clerk.getByText(produced).first().waitFor()
  await clerk.getByRole('button', { name: '办结' }).click()
  await clerk.getByText('当前没有票号').waitFor()

  // the applicant's phone, on the slip's follow page: the served ticket is rated there, once
  const slip = await env.db.selectFrom('tickets').select(['id', 'token']).where('number', '=', 'A001').where('center_id', '=', centerId).executeTakeFirstOrThrow()
  const phone = await env.newPage()
  await phone.goto(`/hall/t/${slip.id}?k=${slip.token}`)
  const form = phone.getByRole('form', { name: '请对本次服务进行评价' })
  await form.getByText('满意', { exact: true }).click()
  await form.getByRole('button', { name: '提交评价' }).click()
  await phone.getByText('感谢您的评价！').waitFor()
  expect(await env.db.selectFrom('ratings').select(['score', 'source']).where('ticket_id', '=', slip.id).execute()).toEqual([{ score: 4, source: 'ticket' }])
  await phone.reload()
  await phone.getByText('您已评价过本次服务，感谢！').waitFor()

  const manager = await env.newPage()
  await env.login(manager, 'district.manager1')
  const table = manager.getByTestId('hall-stats-table')
  await table.getByText('区行政服务中心 1号窗口').or(table.getByRole('cell', { name: /1号窗口/ })).first().waitFor()
  const row = table.locator('tr', { hasText: '1号窗口' })
  // 取号数 1 · wait 6.0 min (p90 6.0) · service 4.0 min · no-shows 0
  expect((await row.locator('td').allTextContents()).slice(1)).toEqual(['1', '6.0', '6.0', '4.0', '0'])
  await screenshot(manager, 'hall-stats')
}, 240_000)

it('books an appointment, checks in at the kiosk and is called before a walk-in', async () => {
  const kiosk = await env.newPage()
  await kiosk.goto(`/hall/kiosk/${centerId}`)
  await kiosk.getByRole('button', { name: /A 综合受理/ }).click()
  await kiosk.getByTestId('ticket-number').waitFor()
  const walkIn = await kiosk.getByTestId('ticket-number').textContent()
  await kiosk.getByRole('button', { name: '完成' }).click()

  const phone = await env.newPage({ mobile: true })
  await phone.goto('/hall/book')
  await phone.getByLabel('办事中心').click()
  await phone.locator('.ant-select-item-option[title="区行政服务中心"]').click()
  await phone.getByLabel('业务类别').click()
  await phone.locator('.ant-select-item-option[title="A 综合受理"]').click()
  await phone.getByText(/^10:30–11:00/).click()
  await phone.getByLabel('手机号码').fill('13912345678')
  await phone.getByRole('button', { name: '获取验证码' }).click()
  await phone.getByText('验证码已发送').waitFor()
  await phone.getByLabel('验证码').fill(sms.lastCode('13912345678'))
  await phone.getByRole('button', { name: '提交预约' }).click()
  const code = (await phone.getByTestId('booking-code').textContent())!.trim()
  expect(code).toMatch(/^\d{6}$/)
  await screenshot(phone, 'hall-booked')

  // the kiosk has no keyboard: the code is tapped on its keypad (a wrong digit deleted on the way)
  await kiosk.getByRole('button', { name: /预约签到/ }).click()
  await kiosk.getByRole('group', { name: '数字键盘' }).getByRole('button', { name: '9', exact: true }).click()
  await kiosk.getByRole('button', { name: '删除' }).click()
  for (const d of code) await kiosk.getByRole('group', { name: '数字键盘' }).getByRole('button', { name: d, exact: true }).click()
  expect(await kiosk.getByTestId('keypad-value').textContent()).toBe(code)
  await screenshot(kiosk, 'hall-kiosk-keypad')
  await kiosk.getByRole('button', { name: '签到取号' }).click()
  await kiosk.getByText('预约签到，优先叫号').waitFor()
  const booked = await kiosk.getByTestId('ticket-number').textContent()
  expect(booked).not.toBe(walkIn)

  const clerk = await env.newPage()
  await env.login(clerk, 'district.clerk1')
  await clerk.goto('/app/hall/window')
  await clerk.getByRole('button', { name: '叫号' }).click()
  await expect.poll(() => clerk.getByTestId('current-ticket').textContent()).toBe(booked) // before the walk-in
}, 240_000)
