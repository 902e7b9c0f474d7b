// 电子监察 and 好差评 in the browser: a case turns red on the supervisor's screen once its due date has passed (set
// through the clock), and a bad rating given on the public rating page is walked through its follow-up to closure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { centerByName, offeredItem } from '../helpers/supervision.js'
import { idNumber } from '../helpers/cases.js'
import { DEMO_PASSWORD, screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday
beforeAll(async () => { env = await startEnv({ clock }) })
afterAll(async () => { await env?.close() })

/** A clerk's API session (cookie + CSRF), to record cases the way the window does. */
async function clerkApi(username: string) {
  const res = await fetch(`${env.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
  const cookie = res.headers.get('set-cookie')!.split(';')[0]
  const { csrfToken } = await res.json() as { csrfToken: string }
  let n = 0
  return async (centerId: number, item: { id: number; materials: number[] }, extra: Record<string, unknown> = {}) => {
    n += 1
    const r = await fetch(`${env.baseUrl}/api/cases`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ requestId: `browser-${n}`, itemId: item.id, centerId, applicant: { kind: 'person', name: '陈晓东', idNumber: idNumber(900 + n), phone: '13900139000' }, materials: item.materials.map((materialId) => ({ materialId, received: true })), ...extra }),
    })
    expect(r.status).toBe(201)
    return await r.json() as { id: number; number: string; queryCode: string; dueDate: string }
  }
}

describe('电子监察', () => {
  it('a case turns red on the supervisor\'s screen once its due date has passed', { timeout: 240_000 }, async () => {
    const lz = await centerByName(env.db, '梁子镇便民服务中心')
    const record = await clerkApi('liangzi.clerk1')
    const c = await record(lz.id, await offeredItem(env.db, lz.id, 'promised'))
    const page = await env.newPage()
    await env.login(page, 'liangzi.supervisor')
    await page.getByRole('menuitem', { name: '电子监察' }).click()
    await page.waitForURL(/\/app\/supervision$/)
    await page.getByText('监察日期 2026-03-02').waitFor()
    await expect(page.locator(`tr[data-case="${c.number}"]`).count()).resolves.toBe(0) // green: not on the list

    const step = await env.db.selectFrom('case_steps').select('due_date').where('case_id', '=', c.id).executeTakeFirstOrThrow()
    clock.set(new Date(Date.parse(`${step.due_date}T09:00:00+08:00`) + 4 * 86400_000))
    await page.reload()
    const row = page.locator(`tr[data-case="${c.number}"]`)
    await row.locator('[data-light="red"]').waitFor()
    await screenshot(page, 'supervision-red')

    // 督办 from the row
    await row.getByRole('button', { name: '督办' }).click()
    await page.getByLabel('督办内容').fill('已超期，请今日办结')
    await page.getByRole('button', { name: /确\s*定|OK/ }).click()
    await page.getByText('督办通知已发送').waitFor()
    const n = await env.db.selectFrom('supervision_notices').select('message').where('case_id', '=', c.id).execute()
    expect(n.map((x) => x.message)).toEqual(['已超期，请今日办结'])
    await page.context().close()
    clock.set('2026-03-02T09:00:00+08:00')
  })
})

describe('好差评', () => {
  it('a bad rating on the rating page is walked through its follow-up to closure', { timeout: 240_000 }, async () => {
    const lz = await centerByName(env.db, '梁子镇便民服务中心')
    const record = await clerkApi('liangzi.clerk2')
    const c = await record(lz.id, await offeredItem(env.db, lz.id, 'immediate'), { complete: true })

    const citizen = await env.newPage({ mobile: true })
    await citizen.goto(`/rate?number=${encodeURIComponent(c.number)}&code=${c.queryCode}`)
    await citizen.getByText('非常不满意').click()
    await citizen.getByRole('checkbox', { name: '办事指南不清楚' }).check()
    await citizen.getByLabel('具体情况').fill('材料要求没有一次说清楚')
    await citizen.getByRole('button', { name: '提交评价' }).click()
    await citizen.getByText('感谢您的评价！').waitFor()
    await citizen.context().close()

    const page = await env.newPage()
    await env.login(page, 'liangzi.manager')
    await page.getByRole('menuitem', { name: '差评整改' }).click()
    await page.locator('.followups-table').getByText(c.number).click()
    await page.getByTestId('followup-status').getByText('待回访').waitFor()
    for (const [button, status] of [['回访', '已回访'], ['整改完成', '已整改'], ['反馈办结', '已办结']]) {
      await page.getByLabel('情况说明').fill(`${button}：已处理`)
      await page.getByRole('button', { name: button, exact: true }).click()
      await page.getByTestId('followup-status').getByText(status).waitFor()
    }
    await screenshot(page, 'followup-closed')
    const f = await env.db.selectFrom('rating_followups').select('status').where('case_id', '=', c.id).executeTakeFirstOrThrow()
    expect(f.status).toBe('closed')
    await page.context().close()
  })
})
