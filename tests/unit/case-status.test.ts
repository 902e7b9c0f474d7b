// The case state machine: every status × action pair, for every role, against the one table.
import { describe, expect, it } from 'vitest'
import {
  allowedActions, assertAction, blockedBy, CASE_ACTION_NAMES, CASE_ACTIONS, CASE_STATUSES, InvalidCaseTransitionError,
  CaseActionForbiddenError, separatedFrom, type ActionContext,
} from '../../src/domain/case-status.js'
import { ROLES } from '../../src/domain/vocabulary.js'

const ctx = (over: Partial<ActionContext> = {}): ActionContext => {
  const mine = over.myOpenSteps ?? ['handle', 'review', 'approve', 'sign', 'forward']
  return {
    handlingKind: 'promised', paused: false, delivered: false, pendingExtension: false, myOpenSteps: mine, openSteps: over.openSteps ?? mine,
    actorCenterId: 1, holderCenterId: 1, offeredHere: true, topOfChain: false, decidedAbove: false, resultAt: null, ...over,
  }
}

describe('case state machine', () => {
  it('walks every status × action × role: allowedActions and assertAction agree, 409 only for what no one may do', () => {
    let allowedCount = 0
    for (const status of CASE_STATUSES) {
      for (const action of CASE_ACTION_NAMES) {
        for (const role of ROLES) {
          for (const c of [ctx({ paused: action === 'resume' }), ctx({ delivered: true, resultAt: 1 }), ctx({ actorCenterId: 2 })]) {
            const rule = CASE_ACTIONS[action] as { from: readonly string[]; roles: readonly string[]; kinds: readonly string[]; roleKinds?: Record<string, readonly string[]> }
            const why = blockedBy(status, [role], c, action)
            expect(allowedActions(status, [role], c).includes(action)).toBe(why === undefined)
            if (why === undefined) {
              allowedCount++
              expect(rule.from.includes(status) && rule.roles.includes(role)).toBe(true)
              expect(assertAction(status, [role], c, action)).toBe((CASE_ACTIONS[action] as { to: string | null }).to)
            } else if (why === 'status' || why === 'state') {
              expect(() => assertAction(status, [role], c, action)).toThrow(InvalidCaseTransitionError)
            } else {
              expect(() => assertAction(status, [role], c, action)).toThrow(CaseActionForbiddenError)
            }
            if (why === 'status') expect(rule.from.includes(status) && rule.kinds.includes('promised')).toBe(false)
          }
        }
      }
    }
    expect(allowedCount).toBeGreaterThan(20)
  })

  it('a center that does not hold the case may take no holder action: 403 not_holder naming who holds it', () => {
    const away = ctx({ actorCenterId: 2, myOpenSteps: [] })
    for (const status of CASE_STATUSES) expect(allowedActions(status, [...ROLES], away)).toEqual([])
    try {
      assertAction('in_review', ['department_head'], away, 'extend', '测试区中心')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(CaseActionForbiddenError)
      expect((e as CaseActionForbiddenError).code).toBe('not_holder')
      expect((e as CaseActionForbiddenError).message).toContain('测试区中心')
    }
  })

  it('a step that is open but not the actor\'s is 403; a step open to no one is 409', () => {
    expect(blockedBy('in_review', ['approver'], ctx({ myOpenSteps: [], openSteps: ['approve'] }), 'approve')).toBe('step')
    expect(blockedBy('in_review', ['approver'], ctx({ myOpenSteps: [], openSteps: ['review'] }), 'approve')).toBe('state')
  })

  it('an agency case below the accepting center is handed up, not accepted there; a 上报 item is forwarded, not advanced', () => {
    expect(allowedActions('received', ['clerk', 'agent'], ctx({ offeredHere: false }))).toEqual(['handover'])
    expect(allowedActions('received', ['clerk'], ctx({ offeredHere: false, topOfChain: true }))).toEqual([])
    expect(allowedActions('accepted', ['clerk', 'approver'], ctx({ handlingKind: 'forward', decidedAbove: true, myOpenSteps: ['handle'] }))).toEqual(['forward', 'suspend', 'request_extension', 'extend'])
    expect(allowedActions('accepted', ['approver'], ctx({ handlingKind: 'forward', decidedAbove: false, myOpenSteps: ['handle'] }))).toEqual(['advance', 'suspend', 'request_extension', 'extend'])
  })

  it('closed and refused cases allow nothing to anyone', () => {
    for (const s of ['closed', 'refused'] as const) expect(allowedActions(s, [...ROLES], ctx({ delivered: true }))).toEqual([])
  })

  it('a 409 names the allowed actions', () => {
    try {
      assertAction('received', ['clerk'], ctx(), 'approve')
      expect.unreachable()
    } catch (e) {
      expect((e as InvalidCaseTransitionError).details).toEqual({ status: 'received', action: 'approve', allowedActions: ['accept', 'correct', 'refuse'] })
    }
  })

  it('a window clerk approves an immediate case but not a promised one', () => {
    expect(allowedActions('accepted', ['clerk'], ctx({ handlingKind: 'immediate', myOpenSteps: ['approve'] }))).toContain('approve')
    expect(blockedBy('accepted', ['clerk'], ctx({ myOpenSteps: ['approve'] }), 'approve')).toBe('role')
  })

  it('a paused case only resumes (and takes extension requests, hand-overs)', () => {
    expect(allowedActions('in_review', ['approver', 'manager'], ctx({ paused: true }))).toEqual(['resume', 'request_extension', 'extend'])
    expect(allowedActions('in_review', ['approver', 'department_head'], ctx({ paused: true }))).toEqual(['resume', 'request_extension', 'extend'])
  })
  // the table lets the deciding department's approver and head extend; how far (within the legal limit, or past it by the
  // head or the head's AB stand-in) is legal-rules.extensionApprover's, tested in legal-rules.test.ts
  it('行政许可法 §42: the department (approver, head) approves an extension; a center manager may request one (→ 403 on extend)', () => {
    expect(() => assertAction('in_review', ['manager'], ctx(), 'extend')).toThrow(CaseActionForbiddenError)
    expect(assertAction('in_review', ['department_head'], ctx(), 'extend')).toBeNull()
    expect(assertAction('in_review', ['manager'], ctx(), 'request_extension')).toBeNull()
  })

  it('steps gate the department actions: advance on 承办/审核, approve on 批准, sign only on 会签', () => {
    expect(allowedActions('in_review', ['approver'], ctx({ myOpenSteps: ['review'] }))).toEqual(['advance', 'suspend', 'request_extension', 'extend'])
    expect(allowedActions('in_review', ['approver'], ctx({ myOpenSteps: ['approve'] }))).toEqual(['approve', 'deny', 'suspend', 'request_extension', 'extend'])
    expect(allowedActions('in_review', ['approver'], ctx({ handlingKind: 'joint', myOpenSteps: ['sign'] }))).toEqual(['sign', 'suspend', 'request_extension', 'extend'])
    expect(allowedActions('in_review', ['approver'], ctx({ handlingKind: 'controlled', myOpenSteps: ['approve'] }))).toEqual(['deny', 'answer', 'suspend', 'request_extension', 'extend'])
    expect(allowedActions('in_review', ['approver'], ctx({ myOpenSteps: [] }))).toEqual(['suspend', 'request_extension', 'extend'])
  })

  it('separation of duties: who finished 承办 may not 审核, who finished 审核 may not decide, unless the item allows it', () => {
    const me = { id: 7, name: '李四' }
    const review = ctx({ myOpenSteps: ['review'], actorId: 7, doneBy: { handle: me } })
    expect(blockedBy('in_review', ['approver'], review, 'advance')).toBe('same_person')
    expect(allowedActions('in_review', ['approver'], review)).toEqual(['suspend', 'request_extension', 'extend'])
    expect(separatedFrom('in_review', ['approver'], review)).toEqual({ step: 'handle', actorName: '李四', actions: ['advance'] })
    expect(() => assertAction('in_review', ['approver'], review, 'advance')).toThrow(/「承办」由李四办理/)
    try { assertAction('in_review', ['approver'], review, 'advance') } catch (e) {
      expect(e).toBeInstanceOf(CaseActionForbiddenError)
      expect((e as CaseActionForbiddenError).code).toBe('same_person_consecutive')
    }
    const decide = ctx({ handlingKind: 'controlled', myOpenSteps: ['approve'], actorId: 7, doneBy: { handle: { id: 8, name: '王五' }, review: me } })
    expect(allowedActions('in_review', ['approver'], decide)).toEqual(['suspend', 'request_extension', 'extend'])
    expect(separatedFrom('in_review', ['approver'], decide)?.actions).toEqual(['deny', 'answer'])
    // who did 承办 but not 审核 decides; another approver reviews; the item's 同一人连续办理 lifts it
    expect(allowedActions('in_review', ['approver'], ctx({ myOpenSteps: ['approve'], actorId: 7, doneBy: { handle: me, review: { id: 8, name: '王五' } } })))
      .toEqual(['approve', 'deny', 'suspend', 'request_extension', 'extend'])
    expect(blockedBy('in_review', ['approver'], { ...review, actorId: 8 }, 'advance')).toBeUndefined()
    expect(blockedBy('in_review', ['approver'], { ...review, consecutiveSteps: true }, 'advance')).toBeUndefined()
    expect(separatedFrom('in_review', ['approver'], { ...review, consecutiveSteps: true })).toBeNull()
    // 即办 at the window: the decision is the first step, nothing before it
    expect(allowedActions('accepted', ['clerk'], ctx({ handlingKind: 'immediate', myOpenSteps: ['approve'], actorId: 7, doneBy: {} }))).toContain('approve')
  })

  it('delivery before pick-up; one extension request at a time', () => {
    expect(allowedActions('approved', ['clerk'], ctx())).toEqual(['deliver'])
    expect(allowedActions('approved', ['clerk'], ctx({ delivered: true, resultAt: 2 }))).toEqual(['handover'])
    expect(allowedActions('approved', ['clerk'], ctx({ delivered: true, resultAt: 1 }))).toEqual(['pickup'])
    expect(allowedActions('approved', ['clerk'], ctx({ delivered: true }))).toEqual(['pickup'])
    expect(allowedActions('in_review', ['approver'], ctx({ myOpenSteps: [], pendingExtension: true }))).toEqual(['suspend', 'extend'])
  })
})
