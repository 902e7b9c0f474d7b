// The whole chain on the demo district: a village agent of 沼山镇 records a district item (临时救助审批) with the
// citizen's materials and authorisation and hands it to the town window; the town clerk accepts and forwards it with
// an opinion; the district approver (民政局) receives and approves it; the result travels back to the village room,
// where the citizen picks it up; every hop is on the custody chain and the message page shows each message sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/domain/clock.js'
import { checkDigit } from '../../src/domain/id-number.js'
import { startOutboxWorker, type Sender } from '../../src/features/messages/outbox.js'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
let worker: { stop(): Promise<void> }
const sent: string[] = []
const sender: Sender = { name: 'test', async send(m) { sent.push(m.templateKey) } }

beforeAll(async () => {
  env = await startEnv()
  worker = startOutboxWorker(env.db, sender, systemClock, { pollMs: 200 })
})
afterAll(async () => { await worker?.stop(); await env?.close() })

const first17 = '42112219800512003'
const idNumber = first17 + checkDigit(first17)

describe('上报 with village agency on the demo district', () => {
  it('village → town → district and back to the village room, with messages at each step', async () => {
    // 1. The agent of 宋家湾 (沼山镇) records the case on a phone and hands it to the town window.
    const agent = await env.newPage({ mobile: true })
    await env.login(agent, 'agent.t03v02')
    await agent.goto('/app/agency')
    await agent.locator('.agency-item input').fill('临时救助')
    await agent.locator('.ant-select-item-option', { hasText: '临时救助审批' }).click()
    await agent.getByLabel('申请人姓名').fill('宋桂英')
    await agent.getByLabel('身份证号码').fill(idNumber)
    await agent.getByLabel('手机号码').fill('13907150001')
    await agent.getByText('已收到申请人签署的授权委托书').click()
    await agent.getByRole('button', { name: '登记并打印交接单' }).click()
    const made = agent.locator('.agency-made')
    await made.waitFor()
    const number = /已登记，编号 (\S+)/.exec((await made.textContent())!)![1]
    const card = agent.locator(`.agency-case[data-case="${number}"]`)
    await card.getByText('已接件').waitFor()
    await screenshot(agent, 'levels-agent-recorded')

    const slip = await agent.context().newPage()
    const caseId = Number(/\/print\/levels\/(\d+)\/slip/.exec((await made.getByRole('link', { name: '交接单' }).getAttribute('href'))!)![1])
    await slip.goto(`/print/levels/${caseId}/slip`)
    await slip.getByText('物料交接单').waitFor()
    await slip.getByText('授权委托书').waitFor()
    await slip.locator('img.slip-qr').waitFor()
    await screenshot(slip, 'levels-handover-slip')
    await slip.close()

    await card.getByRole('button', { name: /交\s?接/ }).click()
    await agent.locator('.ant-modal').getByText('沼山镇', { exact: false }).first().waitFor()
    await agent.locator('.ant-modal').getByRole('button', { name: /交\s?接/ }).click()
    await agent.getByText('已交接').waitFor()

    // 2. The town clerk accepts it and forwards it with the preliminary opinion.
    const town = await env.newPage()
    await env.login(town, 'zhaoshan.clerk1')
    await town.goto('/app/levels')
    const incoming = town.getByRole('row').filter({ hasText: number })
    await incoming.getByRole('button', { name: /受\s?理/ }).click()
    await town.getByText('已受理').first().waitFor()
    await town.getByRole('tab', { name: '待上报' }).click()
    await town.getByRole('row').filter({ hasText: number }).getByRole('button', { name: /上\s?报/ }).click()
    await town.getByLabel('初审意见').fill('经入户核实，家庭因病致困，符合临时救助条件，初审同意')
    await town.locator('.ant-modal').getByRole('button', { name: /上\s?报/ }).click()
    await town.getByText('已上报').first().waitFor()
    await town.getByRole('tab', { name: '已上报待签收' }).click()
    await town.getByRole('row').filter({ hasText: number }).waitFor()
    await screenshot(town, 'levels-town-outgoing')

    // 3. The district's 民政局 approver receives (no second preliminary review) and approves; the result goes home.
    const district = await env.newPage()
    await env.login(district, 'approver.mz')
    await district.goto('/app/levels')
    await district.getByRole('tab', { name: '待签收上报件' }).click()
    await district.getByRole('row').filter({ hasText: number }).getByRole('button', { name: /签\s?收/ }).click()
    await district.getByText('已签收').first().waitFor()
    await district.goto(`/app/levels/cases/${caseId}`)
    await district.getByRole('button', { name: '本环节办结' }).click()
    await district.getByRole('button', { name: '准予许可' }).click()
    await district.locator('[data-status="approved"]').first().waitFor()
    await district.getByRole('button', { name: '结果送回受理地领取' }).click()
    await district.getByText('已送出').first().waitFor()

    // 4. The town passes the result down to the village room.
    await town.goto('/app/levels')
    await town.getByRole('tab', { name: '待下送结果' }).click()
    await town.getByRole('row').filter({ hasText: number }).getByRole('button', { name: /下\s?送/ }).click()
    await town.locator('.ant-modal').getByRole('button', { name: /交\s?接/ }).click()
    await town.getByText('已交接').first().waitFor()

    // 5. The citizen picks it up at the village room.
    await agent.goto('/app/agency')
    await card.getByText('结果已到本服务点，可领取').waitFor()
    await card.getByRole('button', { name: '申请人已领取' }).click()
    await agent.getByText('已办结').first().waitFor()

    // Every hop is on the custody chain and on the levels map.
    await agent.goto(`/app/agency/cases/${caseId}`)
    const chain = agent.locator('.custody-chain')
    for (const hop of ['宋家湾', '沼山镇', '区行政服务中心']) await chain.getByText(hop, { exact: false }).first().waitFor()
    expect(await chain.locator('[data-hop]').count()).toBe(6)
    await screenshot(agent, 'levels-custody-chain')

    // The citizen follows every hop with the number and query code.
    const detail = await (await agent.request.get(`/api/cases/${caseId}`)).json()
    const progress = await (await agent.request.get(`/api/public/progress?number=${number}&code=${detail.queryCode}`)).json()
    expect(progress.status).toBe('closed')
    expect(progress.events.length).toBeGreaterThanOrEqual(9)

    // 6. The message page shows the messages sent at each step.
    const admin = await env.newPage()
    await env.login(admin, 'admin')
    await admin.goto('/app/messages')
    const rows = admin.getByRole('row').filter({ hasText: number })
    await expect.poll(async () => {
      await admin.reload()
      await rows.first().waitFor({ timeout: 20_000 }).catch(() => undefined)
      return rows.filter({ has: admin.locator('[data-status="sent"]') }).count()
    }, { timeout: 90_000, interval: 1000 }).toBe(4)
    for (const kind of ['受理', '上报', '办结', '待领取']) await rows.filter({ hasText: kind }).first().waitFor()
    await screenshot(admin, 'levels-messages')
    expect(sent.filter((k) => ['accepted', 'forwarded', 'decided', 'ready'].includes(k)).length).toBeGreaterThanOrEqual(4)
    for (const p of [agent, town, district, admin]) await p.context().close()
  }, 420_000)
})
