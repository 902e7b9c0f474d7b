// The managers' daily digest through the message outbox: once per working day per manager with a phone, from the
// editable 'digest' template, recorded with its message in one transaction so a second round, a restart or a second
// process sends nothing twice; none on a rest day or before 08:30; the worker sends it like any other message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { queueDigests } from '../../src/features/messages/digest.js'
import { sendDue, type OutgoingMessage } from '../../src/features/messages/outbox.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp
const clock = new SettableClock('2026-03-03T08:00:00+08:00') // a Tuesday, before the digest hour

beforeAll(async () => { t = await createTestApp({ demo: true, clock }) })
afterAll(() => t.close())

const ctx = () => ({ db: t.db, clock, config: t.config, bus: undefined })
const digests = (day?: string) => t.db.selectFrom('messages as m').innerJoin('digest_sends as d', 'd.message_id', 'm.id')
  .select(['m.id', 'm.user_id as userId', 'm.case_id as caseId', 'm.phone', 'm.body', 'm.status', 'd.day'])
  .$if(day !== undefined, (q) => q.where('d.day', '=', day!)).orderBy('m.id').execute()
const managersWithPhone = async () => (await t.db.selectFrom('users').select('id').where('status', '=', 'active')
  .where((eb) => eb(eb.val('manager'), '=', eb.fn.any('roles'))).where('phone', '<>', '').execute()).map((u) => u.id)

describe('the daily digest through the outbox', () => {
  it('nothing before 08:30; then one message per manager with a phone, from the template, with the workbench figures', async () => {
    expect(await queueDigests(ctx())).toBe(0)
    clock.set('2026-03-03T08:45:00+08:00')
    const managers = await managersWithPhone()
    expect(managers.length).toBeGreaterThan(3)
    expect(await queueDigests(ctx())).toBe(managers.length)
    const rows = await digests('2026-03-03')
    expect(rows.map((r) => r.userId).sort((a, b) => a! - b!)).toEqual(managers)
    expect(rows.every((r) => r.caseId === null && r.status === 'pending' && /^1\d{10}$/.test(r.phone))).toBe(true)
    const lz = await t.db.selectFrom('users').select('id').where('username', '=', 'liangzi.manager').executeTakeFirst()
    const own = rows.find((r) => r.userId === (lz?.id ?? rows[0].userId))!
    expect(own.body).toMatch(/^【监察简报】2026-03-03 .+：黄灯\d+个，红灯\d+个，未签收督办\d+件，超期差评整改\d+件。/)
  })

  it('a second round, or two processes at once, the same day send nothing twice', async () => {
    const before = (await digests()).length
    expect(await queueDigests(ctx())).toBe(0)
    const again = await Promise.all([queueDigests(ctx()), queueDigests(ctx())])
    expect(again).toEqual([0, 0])
    expect((await digests()).length).toBe(before)
    // the next working day: both "processes" race, each manager still gets exactly one
    clock.set('2026-03-04T09:00:00+08:00')
    const [a, b] = await Promise.all([queueDigests(ctx()), queueDigests(ctx())])
    expect(a + b).toBe((await managersWithPhone()).length)
    expect((await digests('2026-03-04')).length).toBe(a + b)
  })

  it('no digest on a rest day', async () => {
    clock.set('2026-03-07T10:00:00+08:00') // Saturday
    expect(await queueDigests(ctx())).toBe(0)
    expect(await digests('2026-03-07')).toEqual([])
  })

  it('the worker sends it like any message (no case), once', async () => {
    clock.set('2026-03-04T09:05:00+08:00')
    const sent: OutgoingMessage[] = []
    await sendDue(t.db, { name: 'test', async send(m) { sent.push(m) } }, clock)
    const mine = sent.filter((m) => m.templateKey === 'digest')
    expect(mine.length).toBe((await digests()).length)
    expect(mine.every((m) => m.caseId === null)).toBe(true)
    expect((await digests()).every((r) => r.status === 'sent')).toBe(true)
  })

  it('an administrator edits the digest template: the next day uses it; a case placeholder is refused; disabled sends none', async () => {
    const admin = await t.login('admin')
    const bad = await admin.put('/api/message-templates/digest', { body: '简报 {number}', enabled: true })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details[0].field).toBe('body.body')
    expect((await admin.get('/api/message-templates')).json().digestPlaceholders).toContain('red')
    expect((await admin.put('/api/message-templates/digest', { body: '{date} 红灯{red} 黄灯{yellow}', enabled: true })).statusCode).toBe(200)
    clock.set('2026-03-05T09:00:00+08:00')
    expect(await queueDigests(ctx())).toBeGreaterThan(0)
    expect((await digests('2026-03-05')).every((r) => /^2026-03-05 红灯\d+ 黄灯\d+$/.test(r.body))).toBe(true)
    expect((await admin.put('/api/message-templates/digest', { body: '{date} 红灯{red}', enabled: false })).statusCode).toBe(200)
    clock.set('2026-03-06T09:00:00+08:00')
    expect(await queueDigests(ctx())).toBeGreaterThan(0) // the day is marked done, with no message
    expect(await digests('2026-03-06')).toEqual([])
    expect(await queueDigests(ctx())).toBe(0)
  })
})
