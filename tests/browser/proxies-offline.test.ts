// 委托登记 on the agent's phone and the town's desk (issue 20): the agent registers two villagers' standing proxies
// with the photo of the signed 委托书; offline, two intakes pick them instead of a new authorisation (the room's
// proxies are on the device); meanwhile the town clerk revokes one. Online again, the first becomes a case with its
// proxy use, the second needs the agent's attention (why, in words) and is a task the town sees on 上下级流转; the
// agent records it again with a new signed authorisation (same receipt time and slip number) and the task resolves.
// Then logging out asks before deleting what waits on the phone, and a session that ended while offline asks for the
// password on the page and sends.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1'
import sharp from 'sharp'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkDigit } from '../../src/domain/id-number.js'
import { openAgencyReady, pickItem, recordIntake } from './agency.js'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

const id = (n: number) => { const f = `4211221940031500${n}`; return f + checkDigit(f) }
const photo = () => sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#ddd' } }).jpeg({ quality: 80 }).toBuffer()
const until = new Date(Date.now() + 200 * 86400_000).toISOString().slice(0, 10)

async function register(agent: Page, name: string, n: number) {
  await agent.getByLabel('委托人姓名').fill(name)
  await agent.getByLabel('委托人身份证号码').fill(id(n))
  await agent.getByLabel('委托人联系电话').fill('13907150002')
  await agent.getByLabel('委托有效期至').fill(until)
  await agent.locator('.proxy-doc input[type=file]').setInputFiles({ name: 'weituo.jpg', mimeType: 'image/jpeg', buffer: await photo() })
  await agent.locator('.proxy-doc-name').waitFor()
  await agent.getByRole('button', { name: '登记委托' }).click()
  await agent.locator('.proxy-item', { hasText: name }).waitFor()
}

async function recordWithProxy(agent: Page, name: string, n: number) {
  await agent.locator('.agency-proxy').click()
  await agent.locator('.ant-select-item-option', { hasText: name }).click()
  expect(await agent.getByLabel('申请人姓名').inputValue()).toBe(name) // filled from the registration
  await agent.getByLabel('身份证号码').fill(id(n))
  await pickItem(agent)
  expect(await agent.getByText('已收到申请人签署的授权委托书').count()).toBe(0) // no new authorisation asked
  await agent.getByRole('button', { name: '登记并打印交接单' }).click()
  await agent.locator('.ant-message-info', { hasText: '已保存在本机' }).last().waitFor()
}

describe('standing proxies on the agent\'s phone', () => {
  it('registers, uses them offline, a revoked one becomes a task the agent records again; logout and an ended session keep the villagers\' intakes', async () => {
    const agent = await env.newPage({ mobile: true })
    agent.on('pageerror', (e) => console.error('pageerror', e.message))
    await env.login(agent, 'agent.t03v02')
    await agent.goto('/app/proxies')
    await register(agent, '委托王奶奶', 1)
    await register(agent, '委托李爷爷', 2)
    await screenshot(agent, 'proxies-agent-registered')
    const rows = await env.db.selectFrom('standing_proxies').select(['id', 'principal_name', 'proxy_user_id', 'scope']).where('principal_name', 'like', '委托%').orderBy('id').execute()
    expect(rows.map((r) => r.principal_name)).toEqual(['委托王奶奶', '委托李爷爷'])
    expect(rows.every((r) => r.proxy_user_id !== null && r.scope === 'all')).toBe(true) // the agent himself, every item

    await openAgencyReady(env, agent, null, ['packAt', 'proxies']) // already signed in

    await agent.context().setOffline(true)
    expect(await agent.evaluate(() => fetch('/healthz').then(() => 'reached', () => 'offline'))).toBe('offline')
    await recordWithProxy(agent, '委托王奶奶', 1)
    await recordWithProxy(agent, '委托李爷爷', 2)
    await agent.locator('[data-count="waiting"]', { hasText: '等待发送 2' }).waitFor()

    // meanwhile the town clerk revokes 李爷爷's proxy at the villager's request
    const town = await env.newPage()
    await env.login(town, 'zhaoshan.clerk1')
    await town.goto('/app/proxies')
    await town.locator('.proxy-item', { hasText: '委托李爷爷' }).getByRole('button', { name: '撤销委托' }).click()
    await town.getByLabel('撤销原因').fill('委托人到镇上申请撤销')
    await town.locator('.ant-modal-confirm').getByRole('button', { name: '撤销委托' }).click()
    await town.locator('.proxy-item', { hasText: '委托李爷爷' }).getByText('已撤销').first().waitFor()
    await screenshot(town, 'proxies-town-revoked')
    // the town registers one for a villager of that room, with a relative as the proxy and listed items
    await town.locator('#proxy-room').click()
    await town.locator('#proxy-room').fill('宋家湾')
    await town.locator('.ant-select-item-option', { hasText: '宋家湾村便民服务室' }).click()
    await town.getByLabel('受托人姓名').fill('张小明')
    await town.getByText('列明的事项').click()
    await town.locator('#proxy-items').fill('临时救助')
    await town.locator('.ant-select-item-option', { hasText: '临时救助审批' }).click()
    await register(town, '委托张大爷', 4)
    const byTown = await env.db.selectFrom('standing_proxies as p').innerJoin('centers as c', 'c.id', 'p.center_id').select(['c.name', 'p.proxy_name', 'p.scope', 'p.proxy_user_id'])
      .where('p.principal_name', '=', '委托张大爷').executeTakeFirstOrThrow()
    expect(byTown).toMatchObject({ name: '宋家湾村便民服务室', proxy_name: '张小明', scope: 'items', proxy_user_id: null })
    await town.locator('.proxy-item', { hasText: '委托张大爷' }).getByText('列明事项：临时救助审批').waitFor()

    await agent.context().setOffline(false)
    await agent.locator('[data-count="sent"]', { hasText: '已发送 1' }).waitFor({ timeout: 60_000 })
    await agent.locator('[data-count="attention"]', { hasText: '需要处理 1' }).waitFor()
    await agent.locator('.offline-item[data-status="attention"] .offline-why', { hasText: '此委托已撤销' }).waitFor()
    await screenshot(agent, 'proxies-agent-attention')
    const used = await env.db.selectFrom('cases as k').innerJoin('case_events as e', 'e.case_id', 'k.id').select(['k.id', 'k.number']).where('k.applicant_name', '=', '委托王奶奶').where('e.action', '=', 'proxy_use').execute()
    expect(used).toHaveLength(1)
    const task = await env.db.selectFrom('offline_intake_tasks').selectAll().where('reason_code', '=', 'proxy_revoked').executeTakeFirstOrThrow()
    expect(task.resolved_at).toBeNull()

    // the town sees the task on its flow page
    await town.goto('/app/levels')
    await town.locator('.offline-task', { hasText: task.offline_number }).getByText('此委托已撤销').waitFor()
    await screenshot(town, 'proxies-town-offline-task')

    // the agent records it again with the villager's newly signed authorisation
    await agent.locator('.offline-item[data-status="attention"]').getByRole('button', { name: '改正后重新登记' }).click()
    await agent.locator('.agency-redo').waitFor()
    expect(await agent.getByLabel('申请人姓名').inputValue()).toBe('委托李爷爷')
    await pickItem(agent)
    await agent.getByText('已收到申请人签署的授权委托书').click()
    await agent.getByRole('button', { name: '登记并打印交接单' }).click()
    await agent.locator('[data-count="sent"]', { hasText: '已发送 2' }).waitFor({ timeout: 60_000 })
    await agent.locator('[data-count="attention"]', { hasText: '需要处理 0' }).waitFor()
    const resolved = await env.db.selectFrom('offline_intake_tasks as t').innerJoin('cases as k', 'k.id', 't.case_id').innerJoin('offline_receipts as o', 'o.case_id', 'k.id')
      .select(['t.resolution', 'k.received_at', 'o.offline_number']).where('t.id', '=', task.id).executeTakeFirstOrThrow()
    expect(resolved).toMatchObject({ resolution: 'resent', offline_number: task.offline_number })
    expect(resolved.received_at.getTime()).toBe(task.device_received_at.getTime()) // the villager's hand-over time stays

    // logout asks before deleting an intake still on the phone
    await agent.context().setOffline(true)
    await recordIntake(agent, { name: '离线王五', idNumber: id(3), phone: '13907150003' })
    await agent.locator('[data-count="waiting"]', { hasText: '等待发送 1' }).waitFor()
    await clickLogout(agent)
    await agent.locator('.ant-modal-confirm', { hasText: '本机还有 1 件离线受理没有发送' }).waitFor()
    await screenshot(agent, 'proxies-agent-logout-confirm')
    await agent.getByRole('button', { name: '先不退出' }).click()
    expect(agent.url()).toContain('/app/agency')

    // the session ends while the phone is offline: online again, the page asks for the password, then sends
    // (the district resets the agent's password: every session of the account ends)
    const agentId = (await env.db.selectFrom('users').select('id').where('username', '=', 'agent.t03v02').executeTakeFirstOrThrow()).id
    const NEW_PASSWORD = 'new-Pass-2026x'
    expect((await (await env.api('admin')).post(`/api/staff/${agentId}/password`, { password: NEW_PASSWORD })).statusCode).toBe(204)
    await agent.context().setOffline(false)
    await agent.locator('.offline-login').waitFor({ timeout: 60_000 })
    expect(agent.url()).toContain('/app/agency') // not thrown out to the login page
    await agent.locator('[data-count="waiting"]', { hasText: '等待发送 1' }).waitFor()
    await screenshot(agent, 'proxies-agent-password')
    await agent.getByLabel('登录密码').fill('wrong-password-1')
    await agent.getByRole('button', { name: '登录并发送' }).click()
    await agent.getByText('密码不正确，或账号已停用').waitFor()
    await agent.getByLabel('登录密码').fill(NEW_PASSWORD)
    await agent.getByRole('button', { name: '登录并发送' }).click()
    await agent.locator('[data-count="sent"]', { hasText: '已发送 3' }).waitFor({ timeout: 60_000 })
    expect(await env.db.selectFrom('cases').select('id').where('applicant_name', '=', '离线王五').execute()).toHaveLength(1)

    // nothing waits now: logout asks nothing and clears the device
    await clickLogout(agent)
    await agent.waitForURL(/\/login/)
    await agent.waitForFunction(async () => !(await indexedDB.databases()).some((d) => d.name === 'yizhan-offline'), undefined, { timeout: 10_000 })
  }, 300_000)
})

/** The header's 退出 on a phone, once a toast over it has closed (a pointer resting on a toast keeps it open). */
async function clickLogout(page: Page) {
  await page.mouse.move(10, 600)
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined)
  await page.getByRole('button', { name: '退出' }).click()
}
