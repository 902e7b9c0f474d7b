// The steps the law adds on the way: the permit's issue after a grant (行政许可法 §44) and the 上报 item's two limits (§43).
import { describe, expect, it } from 'vitest'
import { makeCalendar } from '../../src/domain/calendar.js'
import { issueStep, stepCap, stepLimitFor, type CasePlan } from '../../src/features/cases/case-plan.js'

// 2026: 国庆 10-01..10-07 off, 10-10 (Sat) a make-up workday.
const cal = makeCalendar([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, workday: false, name: '国庆节' })),
  { date: '2026-10-10', workday: true, name: '国庆调休' },
], [2026])
const plan: CasePlan = { id: 1, handlingKind: 'forward', departmentId: 7, departmentCenterId: 1, acceptingCenterId: 2, stepLimits: [{ step: '初审', days: 3 }, { step: '上级决定', days: 15 }] }

describe('§44 the permit\'s issue', () => {
  it('is due 10 working days after the decision, at the deciding department, whatever the case\'s due date', () => {
    const s = issueStep(cal, plan, { dueDate: '2026-09-01', at: new Date(), today: '2026-09-29' }, 5)
    expect(s).toMatchObject({ kind: 'issue', seq: 5, centerId: 1, departmentId: 7, limitDays: 10, dueDate: '2026-10-19' })
  })
})

describe('§43 the 上报 item\'s two limits', () => {
  it('初审 is the lower level\'s handle limit; the upper level decides within its own limit from the day it received the case', () => {
    expect(stepLimitFor(plan.stepLimits, 'handle')).toBe(3)
    const forward = { kind: 'forward' as const, doneAt: new Date('2026-09-28T10:00:00+08:00') }
    expect(stepCap(cal, plan, [{ kind: 'handle', doneAt: new Date() }], '2026-10-12', [], '2026-09-28')).toBe('2026-10-12') // not yet received
    expect(stepCap(cal, plan, [forward], '2026-10-12', [], '2026-09-28')).toBe('2026-10-23')
    expect(stepCap(cal, { ...plan, stepLimits: [] }, [forward], '2026-10-12', [], '2026-09-28')).toBe('2026-10-12') // no own limit: the case's
    expect(stepCap(cal, { ...plan, handlingKind: 'promised' }, [forward], '2026-10-12', [], '2026-09-28')).toBe('2026-10-12')
  })
})
