// 好差评 on a phone: the applicant looks the case up on the progress page, finds the 评价 button once it is finished,
// gives a bad rating on the national form (a 差评 option, an indicator, text, the honest note on who reads it), then
// adds a 追评 once; the public page shows the month's 附录B values; a window records a consultation in two clicks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { idNumber } from '../helpers/cases.js'
import { centerByName, offeredItem } from '../helpers/supervision.js'
import { DEMO_PASSWORD, screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday
beforeAll(async () => { env = await startEnv({ clock }) })
afterAll(async () => { await env?.close() })

async function recordCase(username: string, centerId: number, item: { id: number; materials: number[] }, extra: Record<string, unknown> = {}) {
  const res = await fetch(`${env.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
  const cookie = res.headers.get('set-cookie')!.split(';')[0]
  const { csrfToken } = await res.json() as { csrfToken: string }
  const r = await fetch(`${env.baseUrl}/api/cases`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ requestId: `rate-browser-${Date.now()}`, itemId: item.id, centerId, applicant: { kind: 'person', name: '刘小芳', idNumber: idNumber(1700), phone: '13900139001' }, materials: item.materials.map((materialId) => ({ materialId, received: true })), ...extra }),
  })
  expect(r.status).toBe(201)
  return await r.json() as { id: number; number: string; queryCode: string }
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

  it('a window records a consultation in two clicks; its slip carries the number, query code and rating link', { timeout: 240_000 }, async () => {
    const page = await env.newPage()
    await env.login(page, 'liangzi.clerk1')
    await page.goto('/app/intake')
    const popup = page.waitForEvent('popup')
    await page.getByRole('button', { name: '登记咨询' }).click()
    await page.getByRole('button', { name: '登记并打印' }).click()
    const slip = await popup
    await slip.getByText('咨询回执').waitFor()
    const q = await env.db.selectFrom('consultations').select(['number', 'query_code']).orderBy('id', 'desc').executeTakeFirstOrThrow()
    await slip.getByRole('cell', { name: q.number, exact: true }).waitFor()
    await slip.getByRole('cell', { name: q.query_code, exact: true }).waitFor()
    expect(await slip.locator('.notice-rate img').getAttribute('data-url')).toContain(`/r/${q.number}/${q.query_code}`)
    await page.context().close()
  })
})
