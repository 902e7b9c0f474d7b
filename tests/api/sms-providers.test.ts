// Real SMS providers through the one sender: each provider's sender against a local stand-in that checks the
// request as the provider documents it; receipts and throttling recorded per attempt; a message that finally fails
// becomes a phone task for the case's intake window or village agent; the hall's codes go through the same sender.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { migrateDown, migrateToLatest } from '../../src/db/migrate.js'
import { sendDue } from '../../src/features/messages/outbox.js'
import { chooseSender, providerSender } from '../../src/features/messages/providers/choose.js'
import type { Sender } from '../../src/features/messages/sender.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { intakeBody } from '../helpers/cases.js'
import { makeLevelsWorld, type LevelsWorld } from '../helpers/levels.js'
import { STANDIN, standinTemplates, startSmsStandin } from '../helpers/sms-standin.js'

let t: TestApp
let w: LevelsWorld
let standin: Awaited<ReturnType<typeof startSmsStandin>>
const clock = new SettableClock('2026-03-02T09:00:00+08:00')

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeLevelsWorld(t)
  standin = await startSmsStandin()
})
afterAll(async () => { await standin.close(); await t.close() })

const PROVIDERS = ['aliyun', 'tencent'] as const
const sender = (provider: (typeof PROVIDERS)[number], secret = STANDIN.keySecret): Sender => providerSender({
  provider, keyId: STANDIN.keyId, keySecret: secret, signName: STANDIN.signName, sdkAppId: STANDIN.sdkAppId, region: 'ap-guangzhou',
  endpoint: standin.url, templates: standinTemplates(provider),
})
const intake = async () => (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json() as { id: number; number: string; queryCode: string; dueDate: string }
const message = (caseId: number) => t.db.selectFrom('messages').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow()
const attempts = (messageId: number) => t.db.selectFrom('message_attempts').selectAll().where('message_id', '=', messageId).orderBy('id').execute()
/** Sends what is due, leaving older messages of other tests out of it. */
async function sendOnly(s: Sender, caseId: number) {
  await t.db.updateTable('messages').set({ status: 'sent' }).where('status', '=', 'pending').where('case_id', '<>', caseId).execute()
  return sendDue(t.db, s, clock)
}

describe.each(PROVIDERS)('%s sender against its stand-in', (provider) => {
  it('sends the filed template with the case number and its variables; the receipt is recorded with the attempt', async () => {
    const c = await intake()
    const before = standin.received.length
    expect(await sendOnly(sender(provider), c.id)).toBe(1)
    const got = standin.received.slice(before)
    expect(got).toHaveLength(1)
    expect(got[0]).toMatchObject({ provider, answer: 'ok', phone: '13800138000', kind: 'accepted', vars: { number: c.number, code: c.queryCode } })
    expect(got[0].vars.due).toMatch(/^\d{4}-\d\d-\d\d$/)
    const m = await message(c.id)
    expect(m.status).toBe('sent')
    expect(got[0].ref).toBe(`m${m.id}`)
    const [a] = await attempts(m.id)
    expect(a).toMatchObject({ ok: true, sender: provider, receipt: got[0].receipt, throttled: false })
    const log = (await w.clerk.client.get(`/api/messages?caseId=${c.id}`)).json().messages[0]
    expect(log.attemptLog[0]).toMatchObject({ ok: true, sender: provider, receipt: got[0].receipt })
  })

  it('a wrong secret fails the signature check at the stand-in (so the check is real) and is retried', async () => {
    const c = await intake()
    const before = standin.received.length
    await sendOnly(sender(provider, 'not-the-secret'), c.id)
    expect(standin.received.slice(before)).toMatchObject([{ answer: 'bad_request', problem: 'signature' }])
    expect(await message(c.id)).toMatchObject({ status: 'pending', attempts: 1 })
  })

  it('throttling is retried later and recorded as throttled', async () => {
    const c = await intake()
    standin.script('throttled')
    await sendOnly(sender(provider), c.id)
    const m = await message(c.id)
    expect(m).toMatchObject({ status: 'pending', attempts: 1 })
    expect(m.last_error).toMatch(provider === 'aliyun' ? /isv\.BUSINESS_LIMIT_CONTROL/ : /LimitExceeded\.PhoneNumberThirtySecondLimit/)
    clock.advance(11_000)
    await sendOnly(sender(provider), c.id)
    expect(await message(c.id)).toMatchObject({ status: 'sent', attempts: 2 })
    expect((await attempts(m.id)).map((a) => [a.ok, a.throttled])).toEqual([[false, true], [true, false]])
  })

  it('a refused number fails at once and becomes a phone task for the intake window; an outage only after the last retry', async () => {
    const c = await intake()
    standin.script('rejected')
    await sendOnly(sender(provider), c.id)
    expect(await message(c.id)).toMatchObject({ status: 'failed', attempts: 1 })
    const tasks = (await w.clerk.client.get('/api/phone-tasks')).json().tasks
    expect(tasks.find((x: { caseId: number }) => x.caseId === c.id)).toMatchObject({ number: c.number, phone: '13800138000', applicantName: '张三', templateKey: 'accepted', status: 'open' })

    const d = await intake()
    standin.script('outage', 'outage', 'outage', 'outage', 'outage')
    for (let i = 0; i < 5; i++) {
      expect(await t.db.selectFrom('phone_tasks').select('id').where('case_id', '=', d.id).execute()).toEqual([])
      await sendOnly(sender(provider), d.id)
      clock.advance(3_600_000)
    }
    expect(await message(d.id)).toMatchObject({ status: 'failed', attempts: 5 })
    expect(await t.db.selectFrom('phone_tasks').select(['window_id', 'agent_id']).where('case_id', '=', d.id).executeTakeFirstOrThrow()).toEqual({ window_id: w.windowId, agent_id: null })
  })
})

describe('phone tasks', () => {
  async function failedCase(client: Client, body: Record<string, unknown>) {
    const c = (await client.post('/api/cases', body)).json()
    standin.script('rejected')
    await sendOnly(sender('aliyun'), c.id)
    return c as { id: number; number: string }
  }

  it('the window marks its task done with a note (audited); a second time → 409; other staff neither see it nor close it', async () => {
    const c = await failedCase(w.clerk.client, intakeBody(w, w.items.promised))
    const task = (await w.clerk.client.get('/api/phone-tasks')).json().tasks.find((x: { caseId: number }) => x.caseId === c.id)
    expect((await w.townAClerk.client.get('/api/phone-tasks')).json().tasks.some((x: { id: number }) => x.id === task.id)).toBe(false)
    const other = await w.townAClerk.client.post(`/api/phone-tasks/${task.id}/done`, { note: '已电话告知' })
    expect(other.statusCode).toBe(403)
    const empty = await w.clerk.client.post(`/api/phone-tasks/${task.id}/done`, { note: '   ' })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.details[0].field).toBe('body.note')
    const done = await w.clerk.client.post(`/api/phone-tasks/${task.id}/done`, { note: '已电话告知申请人受理情况' })
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toMatchObject({ status: 'done', note: '已电话告知申请人受理情况', doneByName: expect.any(String) })
    expect((await w.clerk.client.post(`/api/phone-tasks/${task.id}/done`, { note: '再次' })).statusCode).toBe(409)
    const audit = await t.db.selectFrom('audit_events').select(['action', 'entity_id']).where('action', '=', 'phone_task.done').execute()
    expect(audit).toContainEqual({ action: 'phone_task.done', entity_id: String(c.id) })
    expect((await w.clerk.client.get('/api/phone-tasks')).json().tasks.some((x: { id: number }) => x.id === task.id)).toBe(false)
    expect((await w.clerk.client.get('/api/phone-tasks?status=done')).json().tasks.some((x: { id: number }) => x.id === task.id)).toBe(true)
    expect((await w.clerk.client.post('/api/phone-tasks/999999999/done', { note: 'x' })).statusCode).toBe(404)
  })

  it('a village agency case\'s task goes to its agent', async () => {
    const c = (await w.agentA.client.post('/api/cases', intakeBody(w, w.forwardItem, { centerId: w.tree.villageA.id, agency: { authorization: true } }))).json()
    await w.agentA.client.post(`/api/cases/${c.id}/actions/handover`, { toCenterId: w.tree.townA.id, materials: w.forwardItem.materials.map((m) => ({ materialId: m, received: true })) })
    expect((await w.townAClerk.client.post(`/api/cases/${c.id}/actions/accept`, { materials: [] })).statusCode).toBe(200)
    standin.script('rejected')
    await sendOnly(sender('tencent'), c.id)
    const mine = (await w.agentA.client.get('/api/phone-tasks')).json().tasks
    expect(mine.find((x: { caseId: number }) => x.caseId === c.id)).toMatchObject({ status: 'open', agentName: expect.any(String) })
    expect((await w.agentB.client.get('/api/phone-tasks')).json().tasks.some((x: { caseId: number }) => x.caseId === c.id)).toBe(false)
  })
})

describe('start-up choice of sender', () => {
  const log = () => { const lines: string[] = []; const f = (o: unknown, m?: string) => { lines.push(String(m ?? o)) }; return { lines, info: f, warn: f, error: f } }
  const sms = { provider: 'aliyun', keyId: 'k', keySecret: 's', signName: 'n', sdkAppId: '', region: 'ap-guangzhou', endpoint: undefined, templates: standinTemplates('aliyun') } as const
  it('no provider: the log sender, and start-up says messages are not being sent', () => {
    const l = log()
    const { sender: s, notice } = chooseSender({ provider: 'log' }, l, { demo: false, demoHistory: false })
    expect(s.name).toBe('log')
    expect(notice).toMatch(/NOT being sent/)
    expect(l.lines.join('\n')).toMatch(/短信未发出/)
  })
  it('the demo, or a database holding the demo history, never sends through a real provider', () => {
    expect(chooseSender(sms, log(), { demo: true, demoHistory: false }).sender.name).toBe('log')
    expect(chooseSender(sms, log(), { demo: false, demoHistory: true }).sender.name).toBe('log')
    expect(chooseSender(sms, log(), { demo: false, demoHistory: false }).sender.name).toBe('aliyun')
  })
})

describe('public address (PUBLIC_URL)', () => {
  it('the web pages read it for their QR codes; the short link filed in every template opens the progress page', async () => {
    const p = await createTestApp({ config: { publicUrl: 'https://zwfw.example.gov.cn' } })
    try {
      const site = await p.app.inject({ url: '/api/public/site' })
      expect(site.statusCode).toBe(200)
      expect(site.json()).toEqual({ publicUrl: 'https://zwfw.example.gov.cn' })
      const short = await p.app.inject({ url: '/p' })
      expect(short.statusCode).toBe(302)
      expect(short.headers.location).toBe('/progress')
    } finally { await p.close() }
    expect((await t.app.inject({ url: '/api/public/site' })).json()).toEqual({ publicUrl: null })
  })
})

describe('migration 0120', () => {
  it('down and up again: messages still waiting get their template variables', async () => {
    const m = await createTestApp({ clock })
    try {
      const world = await makeLevelsWorld(m)
      // later migrations (other features' ranges) are undone first, each successfully, until 0121
      for (let r = await migrateDown(m.db); r.results?.[0]?.migrationName !== '0121_special_message_params'; r = await migrateDown(m.db)) {
        expect(r.results?.[0]).toMatchObject({ direction: 'Down', status: 'Success' })
      }
      const done = await migrateDown(m.db)
      expect(done.results?.[0]).toMatchObject({ migrationName: '0120_sms_providers', direction: 'Down', status: 'Success' })
      const c = (await world.clerk.client.post('/api/cases', intakeBody(world, world.items.promised))).json()
      await migrateToLatest(m.db)
      const row = await m.db.selectFrom('messages').select(['params', 'status']).where('case_id', '=', c.id).executeTakeFirstOrThrow()
      expect(row).toMatchObject({ status: 'pending', params: { number: c.number, code: c.queryCode, item: c.itemName } })
    } finally { await m.close() }
  }, 90_000)
})
