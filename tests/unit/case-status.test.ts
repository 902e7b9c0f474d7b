// The case state machine: every status × action pair, for every role, against the one table.
import { describe, expect, it } from 'vitest'
import {
  allowedActions, assertAction, blockedBy, CASE_ACTION_NAMES, CASE_ACTIONS, CASE_STATUSES, InvalidCaseTransitionError,
  CaseActionForbiddenError, type ActionContext,
} from '../../src/domain/case-status.js'
import { ROLES } from '../../src/domain/vocabulary.js'

const ctx = (over: Partial<ActionContext> = {}): ActionContext => ({
  handlingKind: 'promised', paused: false, delivered: false, pendingExtension: false, myOpenSteps: ['handle', 'review', 'approve', 'sign', 'forward'], ...over,
})

describe('case state machine', () => {
  it('walks every status × action × role: allowed exactly when the table says so, and assertAction agrees', () => {
    let allowedCount = 0
    for (const status of CASE_STATUSES) {
      for (const action of CASE_ACTION_NAMES) {
        for (const role of ROLES) {
          const c = ctx({ paused: action === 'resume' })
          const rule = CASE_ACTIONS[action] as { from: readonly string[]; roles: readonly string[]; kinds: readonly string[]; delivered?: boolean; roleKinds?: Record<string, readonly string[]> }
          const c2 = rule.delivered ? { ...c, delivered: true } : c
          const expected = rule.from.includes(status) && rule.roles.includes(role) && rule.kinds.includes('promised') &&
            (rule.roleKinds?.[role]?.includes('promised') ?? true)
          const why = blockedBy(status, [role], c2, action)
          expect(why === undefined, `${status} ${action} ${role}`).toBe(expected)
          if (expected) {
            allowedCount++
            expect(allowedActions(status, [role], c2)).toContain(action)
            expect(assertAction(status, [role], c2, action)).toBe((CASE_ACTIONS[action] as { to: string | null }).to)
          } else if (!rule.from.includes(status) || !rule.kinds.includes('promised')) {
            expect(() => assertAction(status, [role], c2, action)).toThrow(InvalidCaseTransitionError)
          } else {
            expect(() => assertAction(status, [role], c2, action)).toThrow(CaseActionForbiddenError)
          }
        }
      }
    }
    expect(allowedCount).toBeGreaterThan(20)
  })

  it('closed and refused cases allow nothing to anyone', () => {
    for (const s of ['closed', 'refused'] as const) expect(allowedActions(s, [...ROLES], ctx({ delivered: true }))).toEqual([])
  })

  it('a 409 names the allowed actions', () => {
    try {
      assertAction('received', ['clerk'], ctx(), 'approve')
      expect.unreachable()
    } catch (e) {
      expect((e as InvalidCaseTransitionError).details).toEqual({ status: 'received', action: 'approve', allowedActions: ['accept', 'correct', 'refuse', 'handover'] })
    }
  })

  it('a window clerk approves an immediate case but not a promised one', () => {
    expect(allowedActions('accepted', ['clerk'], ctx({ handlingKind: 'immediate', myOpenSteps: ['approve'] }))).toContain('approve')
    expect(blockedBy('accepted', ['clerk'], ctx({ myOpenSteps: ['approve'] }), 'approve')).toBe('role')
  })

  it('a paused case only resumes (and takes extension requests, hand-overs)', () => {
    expect(allowedActions('in_review', ['approver', 'manager'], ctx({ paused: true }))).toEqual(['resume', 'request_extension'])
    expect(allowedActions('in_review', ['approver', 'department_head'], ctx({ paused: true }))).toEqual(['resume', 'request_extension', 'extend'])
  })
  it('行政许可法 §42: only a department head approves an extension; a center manager may request one (→ 403 on extend)', () => {
    expect(() => assertAction('in_review', ['manager'], ctx(), 'extend')).toThrow(CaseActionForbiddenError)
    expect(assertAction('in_review', ['department_head'], ctx(), 'extend')).toBeNull()
    expect(assertAction('in_review', ['manager'], ctx(), 'request_extension')).toBeNull()
  })

  it('steps gate the department actions: advance on 承办/审核, approve on 批准, sign only on 会签', () => {
    expect(allowedActions('in_review', ['approver'], ctx({ myOpenSteps: ['review'] }))).toEqual(['advance', 'suspend', 'request_extension'])
    expect(allowedActions('in_review', ['approver'], ctx({ myOpenSteps: ['approve'] }))).toEqual(['approve', 'deny', 'suspend', 'request_extension'])
    expect(allowedActions('in_review', ['approver'], ctx({ handlingKind: 'joint', myOpenSteps: ['sign'] }))).toEqual(['sign', 'suspend', 'request_extension'])
    expect(allowedActions('in_review', ['approver'], ctx({ handlingKind: 'controlled', myOpenSteps: ['approve'] }))).toEqual(['deny', 'answer', 'suspend', 'request_extension'])
    expect(allowedActions('in_review', ['approver'], ctx({ myOpenSteps: [] }))).toEqual(['suspend', 'request_extension'])
  })

  it('delivery before pick-up; one extension request at a time', () => {
    expect(allowedActions('approved', ['clerk'], ctx())).toEqual(['handover', 'deliver'])
    expect(allowedActions('approved', ['clerk'], ctx({ delivered: true }))).toEqual(['handover', 'pickup'])
    expect(allowedActions('in_review', ['approver'], ctx({ myOpenSteps: [], pendingExtension: true }))).toEqual(['suspend'])
  })
})
