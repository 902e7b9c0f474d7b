// The whole chain on the demo district: a village agent of 沼山镇 (phone) records a district item (临时救助审批) with
// the citizen's materials and authorisation and hands it to the town window; the town clerk checks the materials
// against the slip, accepts and forwards it with an opinion; the district approver (民政局) receives, approves and
// sends the result to the village room where the case started; the town passes it down to the room's agent, where
// the citizen picks it up. Every button clicked on the way succeeds; the custody chain and the public progress page
// name the three levels on both legs; the message page shows each message sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/domain/clock.js'
import { checkDigit } from '../../src/domain/id-number.js'
import { startOutboxWorker, type Sender } from '../../src/features/messages/outbox.js'
import type { Page } from 'playwright-core'
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

/** The button just clicked succeeded: its success toast shows and no error dialog opened. */
async function succeeded(page: Page, text?: string) {
  const ok = page.locator('.ant-message-success', text ? { hasText: text } : {}).last()
  const failed = page.locator('.ant-modal-confirm-error')
  await Promise.race([ok.waitFor(), failed.waitFor()])
  if (await failed.isVisible()) throw new Error(`refused: ${await failed.textContent()}`)
}

/**
 * The agent of 宋家湾 records a case on a phone through 代办受理: the picker's option shows `tags` (type, who decides,
 * own or carried up); the success toast names the case number.
 */
async function recordAtVillage(query: string, item: string, tags: string[], applicant: string) {
  const agent = await env.newPage({ mobile: true })
  await env.login(agent, 'agent.t03v02')
  await agent.goto('/app/agency')
  await agent.locator('.agency-item input').fill(query)
  const option = agent.locator('.ant-select-item-option', { hasText: item })
  for (const tag of tags) await option.getByText(tag).waitFor()
  await screenshot(agent, `levels-agent-picker-${tags.length}`)
  await option.click()
  await agent.getByLabel('申请人姓名').fill(applicant)
  await agent.getByLabel('身份证号码').fill(idNumber)
  await agent.getByLabel('手机号码').fill('13907150001')
  await agent.getByText('已收到申请人签署的授权委托书').click()
  await agent.getByRole('button', { name: '登记并打印交接单' }).click()
  const made = agent.locator('.agency-made')
  await made.waitFor()
  const number = /已登记，编号 (\S+)/.exec((await made.textContent())!)![1]
  await succeeded(agent, `已登记，编号 ${number}`)
  return { agent, made, number, card: agent.locator(`.agency-case[data-case="${number}"]`) }
}

const VILLAGE = '宋家湾村便民服务室'
const TOWN = '沼山镇便民服务中心'
const DISTRICT = '区行政服务中心'

describe('上报 with village agency on the demo district', () => {
  it('village → town → district and back to the same village room, with messages at each step', async () => {
    // 1. The agent of 宋家湾 (沼山镇) records the case on a phone: the picker says who decides and that it is carried up.
    const { agent, made, number, card } = await recordAtVillage('临时救助', '临时救助审批', ['行政给付', '区级审批', '代办上报'], '宋桂英')
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
    await agent.locator('.ant-modal').getByText(TOWN).first().waitFor()
    await agent.locator('.ant-modal').getByRole('button', { name: /交\s?接/ }).click()
    await succeeded(agent, '已交接')

    // 2. The town clerk checks the materials against the slip, accepts, and forwards it with the preliminary opinion.
    const town = await env.newPage()
    await env.login(town, 'zhaoshan.clerk1')
    await town.goto('/app/levels')
    await town.getByRole('row').filter({ hasText: number }).getByRole('button', { name: /受\s?理/ }).click()
    const check = town.locator('.material-check')
    await check.getByRole('checkbox').first().waitFor()
    await screenshot(town, 'levels-town-material-check')
    await check.getByRole('button', { name: /受\s?理/ }).click()
    await succeeded(town, '已受理')
    await town.getByRole('tab', { name: '待上报' }).click()
    await town.getByRole('row').filter({ hasText: number }).getByRole('button', { name: /上\s?报/ }).click()
    await town.getByLabel('初审意见').fill('经入户核实，家庭因病致困，符合临时救助条件，初审同意')
    await town.locator('.ant-modal').getByRole('button', { name: /上\s?报/ }).click()
    await succeeded(town, '已上报')
    await town.getByRole('tab', { name: '已上报待签收' }).click()
    await town.getByRole('row').filter({ hasText: number }).waitFor()
    await screenshot(town, 'levels-town-outgoing')

    // 3. The district's 民政局 approver receives (no second preliminary review), a colleague reviews, the approver
    //    approves and sends the result to the
    //    village room where the case started (offered among every point of the chain).
    const district = await env.newPage()
    await env.login(district, 'approver.mz')
    await district.goto('/app/levels')
    await district.getByRole('tab', { name: '待签收上报件' }).click()
    await district.getByRole('row').filter({ hasText: number }).getByRole('button', { name: /签\s?收/ }).click()
    await succeeded(district, '已签收')
    // separation of duties: a colleague of the department takes 审核, the approver who received it decides
    const colleague = await env.newPage()
    await env.login(colleague, 'approver2.mz')
    await colleague.goto(`/app/levels/cases/${caseId}`)
    await colleague.getByRole('button', { name: '本环节办结' }).click()
    await succeeded(colleague)
    await colleague.context().close()
    await district.goto(`/app/levels/cases/${caseId}`)
    await district.getByRole('button', { name: '准予给付' }).click() // 临时救助 is a 行政给付, not a 许可
    await succeeded(district)
    await district.getByRole('button', { name: '送达结果' }).click()
    const dialog = district.locator('.ant-modal')
    await dialog.getByText(VILLAGE).first().waitFor() // the room where it started is the default pick-up point
    await dialog.locator('.ant-select').last().click()
    for (const point of [DISTRICT, TOWN, VILLAGE]) await district.locator('.ant-select-item-option', { hasText: point }).first().waitFor()
    await district.locator('.ant-select-item-option', { hasText: VILLAGE }).click()
    await screenshot(district, 'levels-deliver-points')
    await dialog.locator('.ant-btn-primary').click()
    await dialog.waitFor({ state: 'hidden' })
    await district.locator('.ant-descriptions').getByText(VILLAGE).waitFor() // 领取地点
    expect(await district.locator('.levels-actions button').count()).toBe(0) // the district holds it no more

    // 4. The town passes the result down to the room's agent, named as the receiver.
    await town.goto('/app/levels')
    await town.getByRole('tab', { name: '待下送结果' }).click()
    await town.getByRole('row').filter({ hasText: number }).getByRole('button', { name: /下\s?送/ }).click()
    const down = town.locator('.ant-modal')
    await down.locator('.handover-receiver').getByText('代办员').waitFor()
    await screenshot(town, 'levels-town-pass-down')
    await down.getByRole('button', { name: /交\s?接/ }).click()
    await succeeded(town, '已交接')
    await town.getByRole('tab', { name: '已下送待领取' }).click()
    await town.getByRole('row').filter({ hasText: number }).waitFor()

    // 5. The citizen picks it up at the village room.
    await agent.goto('/app/agency')
    await card.getByText('结果已到本服务点，可领取').waitFor()
    await card.getByRole('button', { name: '申请人已领取' }).click()
    await succeeded(agent, '已办结')

    // Every hop is on the custody chain and on the levels map; the first is the applicant's, not "村 → 村".
    await agent.goto(`/app/agency/cases/${caseId}`)
    const chain = agent.locator('.custody-chain')
    for (const hop of [VILLAGE, TOWN, DISTRICT]) await chain.getByText(hop, { exact: false }).first().waitFor()
    expect(await chain.locator('[data-hop]').count()).toBe(6)
    expect(await chain.locator('[data-hop]').first().textContent()).toContain('申请人 →')
    expect(await chain.getByText(`${VILLAGE} → ${VILLAGE}`).count()).toBe(0)
    await screenshot(agent, 'levels-custody-chain')

    // The citizen follows every hop on the progress page (phone): the three levels on the way up and back down.
    const detail = await (await agent.request.get(`/api/cases/${caseId}`)).json()
    const citizen = await env.newPage({ mobile: true })
    await citizen.goto(`/progress?number=${number}&code=${detail.queryCode}`)
    const events = citizen.locator('.progress-events')
    for (const text of [`材料已交接：${VILLAGE} → ${TOWN}`, '已上报上级部门', '上级部门已接收', `办理结果已送出：${DISTRICT} → ${TOWN}，送往${VILLAGE}领取`,
      `办理结果已交接：${TOWN} → ${VILLAGE}，可领取`, '申请人已领取，办结']) await events.getByText(text).first().waitFor()
    for (const level of [VILLAGE, TOWN, DISTRICT]) expect(await events.getByText(level).count(), level).toBeGreaterThanOrEqual(2)
    await screenshot(citizen, 'levels-progress-both-legs')

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
    for (const p of [agent, town, district, admin, citizen]) await p.context().close()
  }, 420_000)

  it('an item the village room accepts itself (最低生活保障审批) is the room\'s own case, in 我的代办件, forwarded by the agent', async () => {
    const { agent, card } = await recordAtVillage('最低生活保障', '最低生活保障审批', ['本室受理'], '宋志刚')
    await card.getByText('已受理').waitFor()
    await card.getByRole('link', { name: '流转详情' }).click()
    await agent.getByRole('button', { name: /上\s?报/ }).click()
    await agent.locator('.ant-modal').getByLabel('初审意见').fill('入户核实，家庭收入低于低保标准，初审同意')
    await agent.locator('.ant-modal').locator('.ant-btn-primary').click()
    await agent.locator('.ant-modal').waitFor({ state: 'hidden' })
    await agent.locator('h2').getByText('上报途中').waitFor()
    await screenshot(agent, 'levels-own-item-forwarded')
    await agent.context().close()
  }, 180_000)
})
