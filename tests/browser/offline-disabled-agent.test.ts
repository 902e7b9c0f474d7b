// An agent's account is disabled while an intake waits on the phone (issue 20): online again, the page asks for the
// password and says why it fails and what to do; the phone goes to the town, whose clerk signs in on it (no logout:
// nothing is deleted) and takes the waiting intake over on 上下级流转; it is then a task on the server.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkDigit } from '../../src/domain/id-number.js'
import { openAgencyReady, recordIntake } from './agency.js'
import { DEMO_PASSWORD, screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

const id = (n: number) => { const f = `4211221950071100${n}`; return f + checkDigit(f) }

describe('a disabled agent\'s phone', () => {
  it('keeps the waiting intake until the town clerk takes it over on the phone', async () => {
    const phone = await env.newPage({ mobile: true })
    await openAgencyReady(env, phone, 'agent.t03v02')

    await phone.context().setOffline(true)
    await recordIntake(phone, { name: '停用赵六', idNumber: id(1), phone: '13907150009' })
    await phone.locator('[data-count="waiting"]', { hasText: '等待发送 1' }).waitFor()

    const agentId = (await env.db.selectFrom('users').select('id').where('username', '=', 'agent.t03v02').executeTakeFirstOrThrow()).id
    expect((await (await env.api('admin')).post(`/api/staff/${agentId}/retire`)).statusCode).toBe(200)
    await phone.context().setOffline(false)
    await phone.locator('.offline-login').waitFor({ timeout: 60_000 })
    await phone.getByLabel('登录密码').fill(DEMO_PASSWORD)
    await phone.getByRole('button', { name: '登录并发送' }).click()
    await phone.getByText('账号已停用时，请把手机交到乡镇窗口').waitFor()
    await screenshot(phone, 'offline-disabled-agent-phone')

    // the town clerk signs in on the same phone (the agent never logged out: the intake is still there)
    await env.login(phone, 'zhaoshan.clerk1')
    await phone.goto('/app/levels')
    await phone.getByRole('button', { name: '收下 agent.t03v02 的 1 件为待处理件' }).click()
    await phone.locator('.ant-modal-confirm').getByRole('button', { name: '收下' }).click()
    await phone.locator('.offline-task', { hasText: '停用赵六' }).waitFor()
    await screenshot(phone, 'offline-disabled-agent-town')
    const task = await env.db.selectFrom('offline_intake_tasks').select(['reason_code', 'agent_id', 'resolved_at']).executeTakeFirstOrThrow()
    expect(task).toMatchObject({ reason_code: 'agent_disabled', agent_id: agentId, resolved_at: null })
    expect(await env.db.selectFrom('cases').select('id').where('applicant_name', '=', '停用赵六').execute()).toHaveLength(0)
  }, 240_000)
})
