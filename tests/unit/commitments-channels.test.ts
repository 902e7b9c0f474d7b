// 容缺 rules (key materials, the commitment date, the reminder day) and trips per channel.
import { describe, expect, it } from 'vitest'
import { makeCalendar } from '../../src/domain/calendar.js'
import { commitmentDate, commitmentLapsed, deferrableProblems, isKeyMaterial, reminderDue } from '../../src/domain/commitments.js'
import { channelProblems, tripsOf } from '../../src/domain/channels.js'

const cal = makeCalendar([], [2026])

describe('容缺 rules', () => {
  it('the application form and identity papers are key materials, never deferrable', () => {
    expect(['生育登记表', '出生登记申请表', '居民身份证', '户口簿', '营业执照副本'].every(isKeyMaterial)).toBe(true)
    expect(isKeyMaterial('出生医学证明')).toBe(false)
    expect(deferrableProblems([{ name: '结婚证', deferrable: true }, { name: '申请书', deferrable: true }])).toEqual([{ field: 'body.materials.1.deferrable', message: expect.stringContaining('关键材料') }])
  })
  it('the commitment date: the rule working days by default, never beyond, never on the day of acceptance', () => {
    expect(commitmentDate(cal, '2026-03-06', 2)).toEqual({ due: '2026-03-10' }) // Friday + 2 working days
    expect(commitmentDate(cal, '2026-03-06', 2, '2026-03-09')).toEqual({ due: '2026-03-09' })
    expect(commitmentDate(cal, '2026-03-06', 2, '2026-03-11')).toMatchObject({ problem: { field: 'body.commitment.dueDate' } })
    expect(commitmentDate(cal, '2026-03-06', 2, '2026-03-06')).toMatchObject({ problem: { field: 'body.commitment.dueDate' } })
  })
  it('lapsed the day after the due date; reminded from the day before', () => {
    expect(commitmentLapsed({ dueDate: '2026-03-10', doneAt: null }, '2026-03-10')).toBe(false)
    expect(commitmentLapsed({ dueDate: '2026-03-10', doneAt: null }, '2026-03-11')).toBe(true)
    expect(commitmentLapsed({ dueDate: '2026-03-10', doneAt: new Date() }, '2026-03-11')).toBe(false)
    expect(['2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11'].map((d) => reminderDue('2026-03-10', d))).toEqual([false, true, true, false])
  })
})

describe('channels', () => {
  it('代办 and 上门办 cost no trip; a correction or a 容缺 material brought to the window one more', () => {
    expect(tripsOf({ channel: 'window', visits: 1, corrections: 0, windowHandIns: 0 })).toBe(1)
    expect(tripsOf({ channel: 'window', visits: 0, corrections: 1, windowHandIns: 1 })).toBe(3)
    expect(tripsOf({ channel: 'assisted', visits: 2, corrections: 0, windowHandIns: 0 })).toBe(2)
    expect(tripsOf({ channel: 'home_visit', visits: 1, corrections: 1, windowHandIns: 1 })).toBe(0)
    expect(tripsOf({ channel: 'village_agency', visits: 1, corrections: 0, windowHandIns: 0 })).toBe(0)
  })
  it('陪同办 and 上门办 name the staff member; 上门办 its date, not in the future', () => {
    expect(channelProblems({ kind: 'home_visit' }, '2026-03-02').map((p) => p.field)).toEqual(['body.channel.staffId', 'body.channel.visitDate'])
    expect(channelProblems({ kind: 'home_visit', staffId: 1, visitDate: '2026-03-03' }, '2026-03-02').map((p) => p.field)).toEqual(['body.channel.visitDate'])
    expect(channelProblems({ kind: 'window', visitDate: '2026-03-01' }, '2026-03-02').map((p) => p.field)).toEqual(['body.channel.visitDate'])
    expect(channelProblems({ kind: 'assisted' }, '2026-03-02')).toEqual([])
  })
})
