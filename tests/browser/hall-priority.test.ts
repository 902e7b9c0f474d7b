// The priority lane in Chromium: an ordinary ticket taken at the kiosk, then a later one with "老年人/残疾人/孕妇 优先";
// the window calls the priority ticket first. The server's clock is a test clock (a Tuesday, 10:00 in China).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TestClock, TUESDAY_10 } from '../helpers/hall.js'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
let centerId: number
const clock = new TestClock(new Date(TUESDAY_10))

beforeAll(async () => {
  env = await startEnv({ clock })
  centerId = (await env.db.selectFrom('centers').select('id').where('code', '=', 'D01').executeTakeFirstOrThrow()).id
  const windowId = (await env.db.selectFrom('windows').select('id').where('center_id', '=', centerId).where('number', '=', '1').executeTakeFirstOrThrow()).id
  const item = await env.db.selectFrom('item_offerings').select('item_id').where('center_id', '=', centerId).orderBy('item_id').executeTakeFirstOrThrow()
  const cat = await env.db.insertInto('hall_categories').values({ center_id: centerId, prefix: 'A', name: '综合受理', slot_capacity: 3 }).returning('id').executeTakeFirstOrThrow()
  await env.db.insertInto('hall_category_items').values({ category_id: cat.id, item_id: item.item_id }).execute()
  await env.db.insertInto('hall_window_categories').values({ window_id: windowId, category_id: cat.id }).execute()
})
afterAll(() => env?.close())

it('a priority ticket taken at the kiosk is called before an earlier ordinary ticket', async () => {
  const kiosk = await env.newPage()
  await kiosk.goto(`/hall/kiosk/${centerId}`)
  await kiosk.getByRole('button', { name: /A 综合受理/ }).click()
  await expect.poll(() => kiosk.getByTestId('ticket-number').textContent()).toBe('A001')
  await kiosk.getByRole('button', { name: '完成' }).click()

  clock.advance(60_000)
  await kiosk.getByRole('button', { name: '老年人/残疾人/孕妇 优先' }).click()
  await kiosk.getByText('已选择优先取号').waitFor()
  await kiosk.getByRole('button', { name: /A 综合受理/ }).click()
  await expect.poll(() => kiosk.getByTestId('ticket-number').textContent()).toBe('A002')
  await screenshot(kiosk, 'hall-priority-slip')

  const clerk = await env.newPage()
  await env.login(clerk, 'district.clerk1')
  await clerk.goto('/app/hall/window')
  await clerk.getByRole('button', { name: '叫号' }).click()
  await expect.poll(() => clerk.getByTestId('current-ticket').textContent()).toBe('A002') // before the earlier A001
}, 240_000)
