// 电子监察 for a supervisor's day (issue 24): 责任人 is who holds the step now (the department's approver, not the
// clerk who accepted the case), and a case already urged carries its 已督办 time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { centerByName, offeredItem, recordCase } from '../helpers/supervision.js'

let t: TestApp
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday

beforeAll(async () => { t = await createTestApp({ demo: true, clock }) })
afterAll(() => t.close())

interface Step { caseId: number; kind: string; personName: string | null; urgedAt: string | null }

describe('lights: 责任人 and 已督办', () => {
  it('the step\'s holder is the department\'s approver; 督办 marks the case with its time', async () => {
    const district = await centerByName(t.db, '区行政服务中心')
    const c = await recordCase(await t.login('district.clerk1'), district.id, await offeredItem(t.db, district.id, 'promised'))
    const step = await t.db.selectFrom('case_steps as s').innerJoin('users as u', (j) => j.onRef('u.department_id', '=', 's.department_id'))
      .select(['u.name', 'u.roles']).where('s.case_id', '=', c.id).where('s.done_at', 'is', null).where('u.status', '=', 'active').orderBy('u.id').execute()
    const approver = step.find((u) => u.roles.includes('approver'))!.name
    const sup = await t.login('district.supervisor')
    const all = async (): Promise<Step[]> => {
      // the case is green on acceptance: look on its due day, when it is yellow
      const due = (await t.db.selectFrom('case_steps').select('due_date').where('case_id', '=', c.id).where('done_at', 'is', null).executeTakeFirstOrThrow()).due_date!
      clock.set(`${due}T09:00:00+08:00`)
      const steps = (await sup.get('/api/supervision/lights')).json().steps as Step[]
      clock.set('2026-03-02T09:00:00+08:00')
      return steps.filter((s) => s.caseId === c.id)
    }
    const before = await all()
    expect(before).toHaveLength(1)
    expect(before[0]).toMatchObject({ personName: approver, urgedAt: null })
    expect(approver).not.toBe('刘俊') // district.clerk1, who accepted it
    clock.set('2026-03-02T10:30:00+08:00')
    const sent = await sup.post('/api/supervision/notices', { caseId: c.id, message: '请尽快办理' })
    expect(sent.statusCode).toBe(201)
    expect(sent.json().recipientName ?? approver).toBe(approver)
    const after = await all()
    expect(after[0].urgedAt).toBe('2026-03-02T02:30:00.000Z')
  })
})
