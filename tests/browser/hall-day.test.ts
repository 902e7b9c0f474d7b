// A hall attendant's day without friction (issue 24): the kiosk fills a portrait screen with large tiles and takes
// the 预约码 on its own keypad; 过号 stays disabled until the hall's call count is reached and the 已叫号 line goes
// with its ticket; the display board lists a transferred ticket once, at its latest window; 网上预约 is one tap from
// the home page. The server's clock is a test clock (a Tuesday, 10:00 in China).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TestClock, TUESDAY_10 } from '../helpers/hall.js'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
let centerId: number
let windows: number[]
const clock = new TestClock(new Date(TUESDAY_10))

beforeAll(async () => {
  env = await startEnv({ clock })
  centerId = (await env.db.selectFrom('centers').select('id').where('code', '=', 'D01').executeTakeFirstOrThrow()).id
  windows = (await env.db.selectFrom('windows').select('id').where('center_id', '=', centerId).where('number', 'in', ['1', '2']).orderBy('number').execute()).map((w) => w.id)
  const cat = await env.db.insertInto('hall_categories').values({ center_id: centerId, prefix: 'A', name: '综合受理', slot_capacity: 3 }).returning('id').executeTakeFirstOrThrow()
  await env.db.insertInto('hall_window_categories').values(windows.map((window_id) => ({ window_id, category_id: cat.id }))).execute()
})
afterAll(() => env?.close())

it('the kiosk is full-screen: large tiles on a portrait screen, and the 预约码 typed on its keypad', async () => {
  const kiosk = await env.newPage()
  await kiosk.setViewportSize({ width: 1080, height: 1920 })
  await kiosk.goto(`/hall/kiosk/${centerId}`)
  const tile = kiosk.getByRole('button', { name: /A 综合受理/ })
  await tile.waitFor()
  const main = (await kiosk.locator('main.kiosk').boundingBox())!
  expect(main.height).toBeGreaterThanOrEqual(1900) // the whole screen, not its top quarter
  expect((await tile.boundingBox())!.height).toBeGreaterThanOrEqual(1920 * 0.15)
  await kiosk.getByRole('button', { name: /预约签到/ }).click()
  const keys = kiosk.getByRole('group', { name: '数字键盘' })
  for (const d of '12345') await keys.getByRole('button', { name: d, exact: true }).click()
  await keys.getByRole('button', { name: '删除' }).click()
  for (const d of '56') await keys.getByRole('button', { name: d, exact: true }).click()
  expect(await kiosk.getByTestId('keypad-value').textContent()).toBe('123456')
  expect((await keys.getByRole('button', { name: '5', exact: true }).boundingBox())!.height).toBeGreaterThanOrEqual(150)
  await screenshot(kiosk, 'kiosk-keypad-portrait')
  await kiosk.getByRole('button', { name: '签到取号' }).click()
  await kiosk.getByRole('alert').waitFor() // no appointment has this code: the kiosk says so and stays on the keypad
  await kiosk.getByRole('button', { name: '返回' }).click()
  await tile.waitFor()
  await kiosk.context().close()
}, 240_000)

it('过号 is disabled until the call count is reached; the 已叫号 line leaves with its ticket', async () => {
  const ticket = await env.app.inject({ method: 'POST', url: '/api/tickets', payload: { centerId, categoryId: (await env.db.selectFrom('hall_categories').select('id').where('center_id', '=', centerId).executeTakeFirstOrThrow()).id } })
  expect(ticket.statusCode).toBe(201)
  const clerk = await env.newPage()
  await env.login(clerk, 'district.clerk1')
  await clerk.goto('/app/hall/window')
  await clerk.getByRole('button', { name: '叫号', exact: true }).click()
  await clerk.getByTestId('panel-call-text').waitFor()
  const noShow = clerk.getByRole('button', { name: '过号' })
  expect(await noShow.isDisabled()).toBe(true)
  await clerk.getByTestId('no-show-hint').getByText('还需叫号 2 次').waitFor()
  await clerk.getByRole('button', { name: '重呼' }).click()
  await clerk.getByText('已叫 2 次').waitFor()
  expect(await noShow.isDisabled()).toBe(true)
  await clerk.getByRole('button', { name: '重呼' }).click()
  await clerk.getByText('已叫 3 次').waitFor()
  await expect.poll(() => noShow.isDisabled()).toBe(false)
  await noShow.click()
  await clerk.getByText('当前没有票号').waitFor()
  await expect.poll(() => clerk.getByTestId('panel-call-text').count()).toBe(0)
  const row = await env.db.selectFrom('tickets').select('status').where('id', '=', ticket.json().id).executeTakeFirstOrThrow()
  expect(row.status).toBe('no_show')
  await clerk.context().close()
}, 240_000)

it('the display board lists a transferred ticket once, at its latest window', async () => {
  const categoryId = (await env.db.selectFrom('hall_categories').select('id').where('center_id', '=', centerId).executeTakeFirstOrThrow()).id
  const issued = await env.app.inject({ method: 'POST', url: '/api/tickets', payload: { centerId, categoryId } })
  const number = issued.json().number as string
  const display = await env.newPage()
  await display.goto(`/hall/display/${centerId}`)
  await display.locator('h1').waitFor()
  const clerk = await env.api('district.clerk1')
  const called = await clerk.post(`/api/windows/${windows[0]}/call-next`)
  expect(called.json().ticket.number).toBe(number)
  expect((await clerk.post(`/api/tickets/${called.json().ticket.id}/actions/transfer`, { windowId: windows[1] })).statusCode).toBe(200)
  expect((await clerk.post(`/api/windows/${windows[1]}/call-next`)).json().ticket.number).toBe(number)
  const recent = display.locator('section').first().locator('.display-list li')
  await expect.poll(() => recent.filter({ hasText: number }).allTextContents()).toEqual([`${number}2号窗口`])
  // a board opened afterwards gets the same from the server's state
  await display.reload()
  await expect.poll(() => recent.filter({ hasText: number }).allTextContents()).toEqual([`${number}2号窗口`])
  await display.context().close()
}, 240_000)

it('网上预约 is linked from the home page and each center, preselecting the center', async () => {
  const page = await env.newPage({ mobile: true })
  await page.goto('/')
  await page.getByRole('link', { name: '网上预约（区行政服务中心）' }).click()
  await page.waitForURL(/\/hall\/book\?centerId=\d+/)
  await page.getByText('区行政服务中心').first().waitFor()
  await page.goto('/')
  await page.locator('.hero').getByRole('link', { name: '网上预约' }).click()
  await page.waitForURL(/\/hall\/book$/)
  await page.context().close()
}, 240_000)
