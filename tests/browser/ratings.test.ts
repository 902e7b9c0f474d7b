// 好差评 on a phone: the applicant looks the case up on the progress page, finds the 评价 button once it is finished,
// gives a bad rating on the national form (a 差评 option, an indicator, text, the honest note on who reads it), then
// adds a 追评 once; the public page shows the month's 附录B values; a window records a consultation in two clicks and
// the citizen rates it and adds a 追评; a refused case is rated; a served hall ticket is rated and followed up on its slip's page.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { idNumber } from '../helpers/cases.js'
import { centerByName, offeredItem } from '../helpers/supervision.js'
import { DEMO_PASSWORD, screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday
beforeAll(async () => { env = await startEnv({ clock }) })
afterAll(async () => { await env?.close() })

/** A staff member's POST through the API (the window's side of a service is tested elsewhere). */
async function staffPost(username: string, url: string, body: unknown = {}) {
  const res = await fetch(`${env.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
  const cookie = res.headers.get('set-cookie')!.split(';')[0]
  const { csrfToken } = await res.json() as { csrfToken: string }
  return fetch(`${env.baseUrl}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(body) })
}

async function recordCase(username: string, centerId: number, item: { id: number; materials: number[] }, extra: Record<string, unknown> = {}) {
  const r = await staffPost(username, '/api/cases', {
    requestId: `rate-browser-${Date.now()}`, itemId: item.id, centerId, applicant: { kind: 'person', name: '刘小芳', idNumber: idNumber(1700), phone: '13900139001' },
    materials: item.materials.map((materialId) => ({ materialId, received: true })), ...extra,
  })
  expect(r.status).toBe(201)
  return await r.json() as { id: number; number: string; queryCode: string; status: string }
}

/** Fills the national form on a phone: a level, for a bad one an option and its text. */
async function fillRating(phone: Page, level: string, option?: string, text?: string) {
  await phone.getByText('谁会看到您的评价', { exact: false }).first().waitFor()
  await phone.getByText(level, { exact: true }).click()
  if (option) await phone.getByRole('checkbox', { name: option }).check()
  if (text) await phone.getByLabel(option ? '具体情况' : '意见建议（选填）').fill(text)
  await phone.getByRole('button', { name: '提交评价' }).click()
}

describe('好差评 on a phone', () => {
  it('rates a finished case from the progress page, then adds a 追评 once', { timeout: 240_000 }, async () => {
    const lz = await centerByName(env.db, '梁子镇便民服务中心')
    const c = await recordCase('liangzi.clerk1', lz.id, await offeredItem(env.db, lz.id, 'immediate'), { complete: true })

    const phone = await env.newPage({ mobile: true })
    await phone.goto(`/progress?number=${encodeURIComponent(c.number)}&code=${c.queryCode}`)
    await phone.locator('.progress-result').waitFor()
    await phone.getByRole('button', { name: '评价本次服务' }).click()
    await phone.waitForURL(/\/rate\?/)
    await phone.getByText('谁会看到您的评价', { exact: false }).waitFor()
    await phone.getByText('不满意', { exact: true }).click()
    await phone.getByRole('checkbox', { name: '多次跑动' }).check()
    await phone.locator('[data-indicator="efficiency"] .ant-rate-star').nth(1).click()
    await phone.getByLabel('具体情况').fill('同一份材料跑了两趟')
    await screenshot(phone, 'rating-form-phone')
    await phone.getByRole('button', { name: '提交评价' }).click()
    await phone.getByText('感谢您的评价！').waitFor()
    const row = await env.db.selectFrom('ratings').select(['score', 'options', 'indicators', 'comment', 'source']).where('case_id', '=', c.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ score: 2, options: ['many_trips'], indicators: { efficiency: 2, overall: 2 }, comment: '同一份材料跑了两趟', source: 'progress' })

    // Back on the progress page: rated, and a 追评 may be added once.
    await phone.goto(`/progress?number=${encodeURIComponent(c.number)}&code=${c.queryCode}`)
    await phone.getByText('已评价，感谢您的反馈').waitFor()
    await phone.getByRole('button', { name: '追评' }).click()
    await phone.getByLabel('追评内容').fill('窗口后来主动打电话道歉了')
    await phone.getByRole('button', { name: '提交追评' }).click()
    await phone.getByText('追评已提交', { exact: false }).waitFor()
    const after = await env.db.selectFrom('ratings').select('addendum').where('case_id', '=', c.id).executeTakeFirstOrThrow()
    expect(after.addendum).toBe('窗口后来主动打电话道歉了')
    await phone.goto(`/progress?number=${encodeURIComponent(c.number)}&code=${c.queryCode}`)
    await phone.getByText('已评价，感谢您的反馈').waitFor()
    expect(await phone.getByRole('button', { name: '追评' }).count()).toBe(0)

    // The public page of the town and the month shows the 附录B values.
    await phone.goto(`/ratings/public?centerId=${lz.id}&month=2026-03`)
    await phone.locator('.published-measures').getByText('差评整改率').waitFor()
    await screenshot(phone, 'ratings-public-phone')
    await phone.context().close()
  })

  it('a window records a consultation in two clicks (with the applicant\'s phone); the citizen rates it from the progress page, then adds a 追评', { timeout: 240_000 }, async () => {
    const page = await env.newPage()
    await env.login(page, 'liangzi.clerk1')
    await page.goto('/app/intake')
    const popup = page.waitForEvent('popup')
    await page.getByRole('button', { name: '登记咨询' }).click()
    await page.getByLabel('手机号').fill('13900139002')
    await page.getByRole('button', { name: '登记并打印' }).click()
    const slip = await popup
    await slip.getByText('咨询回执').waitFor()
    const q = await env.db.selectFrom('consultations').select(['id', 'number', 'query_code', 'phone']).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(q.phone).toBe('13900139002')
    await slip.getByRole('cell', { name: q.number, exact: true }).waitFor()
    await slip.getByRole('cell', { name: q.query_code, exact: true }).waitFor()
    expect(await slip.locator('.notice-rate img').getAttribute('data-url')).toContain(`/r/${q.number}/${q.query_code}`)
    await page.context().close()

    // The citizen types the slip's number and code (lower case) into the progress page on a phone: it opens the rating.
    const phone = await env.newPage({ mobile: true })
    await phone.goto('/progress')
    await phone.getByLabel('办件编号').fill(q.number)
    await phone.getByLabel('查询码').fill(q.query_code.toLowerCase())
    await phone.getByRole('button', { name: '查询' }).click()
    await phone.waitForURL(/\/rate\?/)
    await fillRating(phone, '非常不满意', '办事指南不清楚', '窗口说不清要带什么')
    await phone.getByText('感谢您的评价！').waitFor()
    await phone.goto(`/rate?number=${encodeURIComponent(q.number)}&code=${q.query_code}`)
    await phone.getByLabel('追评内容').fill('第二次去才问清楚')
    await screenshot(phone, 'consultation-addendum-phone')
    await phone.getByRole('button', { name: '提交追评' }).click()
    await phone.getByText('追评已提交', { exact: false }).waitFor()
    const row = await env.db.selectFrom('ratings').select(['score', 'options', 'addendum']).where('consultation_id', '=', q.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ score: 1, options: ['guide_unclear'], addendum: '第二次去才问清楚' })
    await phone.context().close()
  })

  it('a refused case (不予受理) is rated from the progress page on a phone', { timeout: 240_000 }, async () => {
    const lz = await centerByName(env.db, '梁子镇便民服务中心')
    const c = await recordCase('liangzi.clerk1', lz.id, await offeredItem(env.db, lz.id, 'promised'), { refuse: { reason: '不属于本机关职权范围' } })
    expect(c.status).toBe('refused')
    const phone = await env.newPage({ mobile: true })
    await phone.goto(`/progress?number=${encodeURIComponent(c.number)}&code=${c.queryCode}`)
    await phone.locator('.progress-result').waitFor()
    await phone.getByRole('button', { name: '评价本次服务' }).click()
    await phone.waitForURL(/\/rate\?/)
    await fillRating(phone, '基本满意', undefined, '说明了该去哪里办')
    await phone.getByText('感谢您的评价！').waitFor()
    const row = await env.db.selectFrom('ratings').select(['score', 'comment']).where('case_id', '=', c.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ score: 3, comment: '说明了该去哪里办' })
    await phone.goto(`/progress?number=${encodeURIComponent(c.number)}&code=${c.queryCode}`)
    await phone.getByText('已评价，感谢您的反馈').waitFor()
    await phone.context().close()
  })

  it('a served hall ticket is rated on its follow page on a phone; the bad rating takes one 追评 there', { timeout: 240_000 }, async () => {
    const lz = await centerByName(env.db, '梁子镇便民服务中心')
    const windowId = (await env.db.selectFrom('users').select('window_id').where('username', '=', 'liangzi.clerk1').executeTakeFirstOrThrow()).window_id!
    const cat = await env.db.insertInto('hall_categories').values({ center_id: lz.id, prefix: 'P', name: '综合受理' }).returning('id').executeTakeFirstOrThrow()
    await env.db.insertInto('hall_window_categories').values({ window_id: windowId, category_id: cat.id }).execute()
    const taken = await fetch(`${env.baseUrl}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ centerId: lz.id, categoryId: cat.id }) })
    expect(taken.status).toBe(201)
    const ticket = await taken.json() as { id: number; token: string }
    const called = await (await staffPost('liangzi.clerk1', `/api/windows/${windowId}/call-next`)).json() as { ticket: { id: number } }
    expect(called.ticket.id).toBe(ticket.id)
    for (const a of ['start', 'finish']) expect((await staffPost('liangzi.clerk1', `/api/tickets/${ticket.id}/actions/${a}`)).status).toBe(200)

    const phone = await env.newPage({ mobile: true })
    await phone.goto(`/hall/t/${ticket.id}?k=${encodeURIComponent(ticket.token)}`)
    await fillRating(phone, '不满意', '服务态度差', '叫号后窗口没人')
    await phone.getByText('感谢您的评价！').waitFor()
    await phone.getByLabel('追评内容').waitFor()
    // later, from the same slip: the 追评 is still offered once
    await phone.reload()
    await phone.getByText('您已评价过本次服务，感谢！').waitFor()
    await phone.getByLabel('追评内容').fill('回访时答应整改')
    await screenshot(phone, 'ticket-addendum-phone')
    await phone.getByRole('button', { name: '提交追评' }).click()
    await phone.getByText('追评已提交', { exact: false }).waitFor()
    const row = await env.db.selectFrom('ratings').select(['score', 'options', 'addendum', 'source']).where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ score: 2, options: ['bad_attitude'], addendum: '回访时答应整改', source: 'ticket' })
    await phone.reload()
    await phone.getByText('您已评价过本次服务，感谢！').waitFor()
    expect(await phone.getByLabel('追评内容').count()).toBe(0)
    await phone.context().close()
  })
})
