// A message the provider refuses becomes a phone task: the town window's clerk sees it on the workbench, phones the
// applicant and records it; the village agent sees theirs on the phone-sized agency page. The printed notice's and
// the hand-over slip's QR codes carry PUBLIC_URL, not the address the browser used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { checkDigit } from '../../src/domain/id-number.js'
import { sendDue } from '../../src/features/messages/outbox.js'
import { providerSender } from '../../src/features/messages/providers/choose.js'
import { STANDIN, standinTemplates, startSmsStandin } from '../helpers/sms-standin.js'
import { DEMO_PASSWORD, screenshot, startEnv, type BrowserEnv } from './helpers.js'

const PUBLIC_URL = 'https://zwfw.example.gov.cn'
let env: BrowserEnv
let standin: Awaited<ReturnType<typeof startSmsStandin>>

beforeAll(async () => {
  env = await startEnv({ config: { publicUrl: PUBLIC_URL } })
  standin = await startSmsStandin()
})
afterAll(async () => { await standin?.close(); await env?.close() })

async function as(username: string) {
  const r = await env.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: DEMO_PASSWORD } })
  const cookie = r.cookies.find((c) => c.name === 'yz_session')!.value
  const { csrfToken } = r.json()
  return async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await env.app.inject({ method, url, payload, headers: { cookie: `yz_session=${cookie}`, 'x-csrf-token': csrfToken } })
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300)
    return res.json()
  }
}

let n = 0
const idNumber = () => { const f = `4211221980051200${++n}`.slice(0, 17); return f + checkDigit(f) }

/** Sends the pending messages through Tencent's stand-in, which refuses them: each becomes a phone task. */
async function refuseAll() {
  const pending = await env.db.selectFrom('messages').select('id').where('status', '=', 'pending').execute()
  standin.script(...pending.map(() => 'rejected' as const))
  await sendDue(env.db, providerSender({
    provider: 'tencent', keyId: STANDIN.keyId, keySecret: STANDIN.keySecret, signName: STANDIN.signName, sdkAppId: STANDIN.sdkAppId,
    region: 'ap-guangzhou', endpoint: standin.url, templates: standinTemplates('tencent'),
  }), new SettableClock(new Date()))
}

describe('phone tasks and the public address in the screens', () => {
  it('the window clerk and the village agent each phone their applicant and record it; QR codes carry PUBLIC_URL', async () => {
    const clerk = await as('zhaoshan.clerk1')
    const agent = await as('agent.t03v02')
    const me = await clerk('GET', '/api/session')
    const town = me.user?.centerId ?? me.centerId
    const item = (await clerk('GET', `/api/public/items?q=${encodeURIComponent('临时救助')}&centerId=${town}`)).items[0]
    const full = await clerk('GET', `/api/public/items/${item.id}`)
    const materials = full.materials.map((m: { id: number }) => ({ materialId: m.id, received: true }))
    const atWindow = await clerk('POST', '/api/cases', {
      requestId: `pt-${Date.now()}`, itemId: item.id, centerId: town, materials,
      applicant: { kind: 'person', name: '刘秀兰', idNumber: idNumber(), phone: '13907150002' },
    })
    const village = (await agent('GET', '/api/session'))
    const byAgent = await agent('POST', '/api/cases', {
      requestId: `pta-${Date.now()}`, itemId: item.id, centerId: village.user?.centerId ?? village.centerId, materials, agency: { authorization: true },
      applicant: { kind: 'person', name: '宋建华', idNumber: idNumber(), phone: '13907150003' },
    })
    await agent('POST', `/api/cases/${byAgent.id}/actions/handover`, { toCenterId: town, materials })
    await clerk('POST', `/api/cases/${byAgent.id}/actions/accept`, { materials: [] })
    await refuseAll()

    // The town window's clerk: the task on the workbench, a call button, the note, and it is gone.
    const page = await env.newPage()
    await env.login(page, 'zhaoshan.clerk1')
    const task = page.locator(`.phone-task[data-case="${atWindow.number}"]`)
    await task.waitFor()
    await expect(task.getByRole('link', { name: /拨打 13907150002/ }).getAttribute('href')).resolves.toBe('tel:13907150002')
    await task.getByText('InvalidParameterValue.IncorrectPhoneNumber', { exact: false }).waitFor()
    expect(await page.locator(`.phone-task[data-case="${byAgent.number}"]`).count()).toBe(0) // the agent's, not the window's
    await screenshot(page, 'phone-task-window')
    await task.getByLabel('告知结果').fill('已电话告知刘秀兰受理情况和查询码')
    await task.getByRole('button', { name: '已电话告知' }).click()
    await page.getByText('已登记电话告知').waitFor()
    await task.waitFor({ state: 'detached' })
    const done = await env.db.selectFrom('phone_tasks').select(['status', 'note']).where('case_id', '=', atWindow.id).executeTakeFirstOrThrow()
    expect(done).toEqual({ status: 'done', note: '已电话告知刘秀兰受理情况和查询码' })

    // The message list says which provider refused it and why.
    await page.goto('/app/messages')
    const row = page.getByRole('row').filter({ hasText: atWindow.number })
    await row.getByText('腾讯云短信').waitFor()
    await row.getByText('IncorrectPhoneNumber', { exact: false }).waitFor()
    await row.locator('[data-status="failed"]').waitFor()

    // The printed 受理通知书: its QR code opens the district's public address, not 127.0.0.1.
    await page.goto(`/print/cases/${atWindow.id}/accept`)
    const qr = page.locator('.notice-qr img')
    await qr.waitFor()
    expect(await qr.getAttribute('data-url')).toBe(`${PUBLIC_URL}/progress?number=${encodeURIComponent(atWindow.number)}&code=${atWindow.queryCode}`)
    await page.getByText(`${PUBLIC_URL}/progress`, { exact: false }).waitFor()
    await screenshot(page, 'notice-public-url')

    // The village agent, on a phone: the task at the top of the agency page.
    const phone = await env.newPage({ mobile: true })
    await env.login(phone, 'agent.t03v02')
    await phone.goto('/app/agency')
    const mine = phone.locator(`.phone-task[data-case="${byAgent.number}"]`)
    await mine.waitFor()
    await screenshot(phone, 'phone-task-agent')
    await mine.getByLabel('告知结果').fill('已电话告知宋建华，材料已到镇窗口')
    await mine.getByRole('button', { name: '已电话告知' }).click()
    await mine.waitFor({ state: 'detached' })
  })
})
