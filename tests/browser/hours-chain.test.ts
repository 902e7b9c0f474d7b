// Issue 24, the last frictions walked in Chromium: one source of opening hours (the administrator changes the district
// center's lunch break on 大厅设置, reached from 中心管理; the home page, the kiosk, the board and booking print the new hours, booking
// offers no slot over lunch); the approver of a town item completes 承办、审核 and the decision in one dialog, the
// case history showing each action; counts on /app/cases and 延期审批. Server clock: a Tuesday, 10:00 in China.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock, TUESDAY_10 } from '../helpers/hall.js'
import { centerByName, consecutiveItem, offeredItem, recordCase } from '../helpers/supervision.js'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
let centerId: number
const clock = new TestClock(new Date(TUESDAY_10))

beforeAll(async () => {
  env = await startEnv({ clock })
  centerId = (await env.db.selectFrom('centers').select('id').where('code', '=', 'D01').executeTakeFirstOrThrow()).id
})
afterAll(() => env?.close())

describe('one source of opening hours', () => {
  it('the administrator moves the lunch break on 大厅设置; the home page, the kiosk and the slots follow', async () => {
    const page = await env.newPage()
    await env.login(page, 'admin')
    await page.goto('/app/centers')
    await page.getByRole('link', { name: '工作日 08:30–12:00、14:00–17:30' }).first().click()
    await page.getByRole('heading', { name: /大厅设置/ }).first().waitFor()
    await page.getByText('公开显示为：工作日 08:30–12:00、14:00–17:30').waitFor()
    await page.getByLabel('午休开始').fill('11:30')
    await page.getByLabel('午休结束').fill('13:30')
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).first().click()
    await page.getByText('公开显示为：工作日 08:30–11:30、13:30–17:30').waitFor()
    await screenshot(page, 'hall-setup-hours')
    await page.context().close()

    const home = await env.newPage()
    await home.goto('/')
    await home.getByText('工作日 08:30–11:30、13:30–17:30').first().waitFor()
    const kiosk = await env.newPage()
    await kiosk.goto(`/hall/kiosk/${centerId}`)
    await kiosk.getByText('办公时间：工作日 08:30–11:30、13:30–17:30').waitFor()
    await screenshot(kiosk, 'kiosk-hours')
    await kiosk.goto(`/hall/display/${centerId}`)
    await kiosk.getByText('办公时间：工作日 08:30–11:30、13:30–17:30').waitFor()
    await home.goto(`/hall/book?centerId=${centerId}`)
    await home.getByText('办公时间：工作日 08:30–11:30、13:30–17:30').waitFor()
    await home.context().close(); await kiosk.context().close()

    const cat = await env.db.insertInto('hall_categories').values({ center_id: centerId, prefix: 'H', name: '营业时间', slot_capacity: 3 }).returning('id').executeTakeFirstOrThrow()
    const slots = (await env.app.inject({ url: `/api/public/centers/${centerId}/slots?categoryId=${cat.id}&day=2026-03-11` })).json().slots as { start: string; end: string }[]
    expect(slots.some((s) => s.start < '13:30' && s.end > '11:30')).toBe(false)
    expect(slots.map((s) => s.start)).toContain('13:30')
  }, 240_000)
})

describe('连续办理', () => {
  it('a town approver completes 承办、审核 and 准予 in one dialog; the history shows each', async () => {
    const town = await centerByName(env.db, '梁子镇便民服务中心')
    const c = await recordCase(await env.api('liangzi.clerk1'), town.id, await consecutiveItem(env.db, town.id))
    const holder = await env.db.selectFrom('case_steps as s').innerJoin('users as u', 'u.center_id', 's.center_id')
      .select(['u.username', 'u.roles', 'u.department_id', 's.department_id as stepDept']).where('s.case_id', '=', c.id).where('s.done_at', 'is', null).where('u.status', '=', 'active').orderBy('u.id').execute()
    const approver = holder.find((u) => u.roles.includes('approver') && (u.department_id === null || u.department_id === u.stepDept))!.username

    const page = await env.newPage()
    await env.login(page, approver)
    await page.goto(`/app/cases/${c.id}`)
    await page.getByRole('button', { name: /^连续办理（承办、审核、决定）$/ }).click()
    const dialog = page.getByRole('dialog', { name: '连续办理' })
    await dialog.getByLabel('承办意见').fill('材料齐全，符合条件')
    await dialog.getByLabel('审核意见').fill('审核通过')
    await screenshot(page, 'chain-dialog')
    await dialog.getByRole('button', { name: /一并办理/ }).click()
    await dialog.waitFor({ state: 'hidden' })
    const timeline = page.locator('.case-timeline')
    await timeline.getByText('审核通过').waitFor()
    const text = await timeline.textContent()
    expect(text).toContain('材料齐全，符合条件')
    const events = await env.db.selectFrom('case_events').select('action').where('case_id', '=', c.id).orderBy('id').execute()
    expect(events.slice(-3).map((e) => e.action)).toEqual(['advance', 'advance', 'approve'])
    expect((await env.db.selectFrom('cases').select('status').where('id', '=', c.id).executeTakeFirstOrThrow()).status).toBe('approved')
    await screenshot(page, 'chain-history')
    await page.context().close()
  }, 240_000)
})

describe('counts on /app/cases and 延期审批', () => {
  it('each tab of /app/cases carries its count; 延期审批 its own', async () => {
    const district = await centerByName(env.db, '区行政服务中心')
    await recordCase(await env.api('district.clerk1'), district.id, await offeredItem(env.db, district.id, 'promised'))
    const counts = (await (await env.api('district.clerk1')).get('/api/cases/counts')).json()
    const page = await env.newPage()
    await env.login(page, 'district.clerk1')
    await page.goto('/app/cases')
    await page.getByRole('heading', { name: `办件（${counts.today}）` }).waitFor()
    await page.getByText(`今日受理（${counts.today}）`).waitFor()
    await page.getByText(`待补正（${counts.correction}）`).waitFor()
    await page.getByText(`全部办件（${counts.all}）`).waitFor()
    await page.context().close()

    // a department head (who approves extensions) of the district
    const head = (await env.db.selectFrom('users').select('username').where('username', 'like', 'head.%').where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow()).username
    const manager = await env.newPage()
    await env.login(manager, head)
    await manager.goto('/app/extensions')
    const n = (await (await env.api(head)).get('/api/cases/extensions')).json().extensions.length
    await manager.getByRole('heading', { name: `延期审批（${n}）` }).waitFor()
    await manager.context().close()
  }, 240_000)
})
