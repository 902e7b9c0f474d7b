// The catalog's pure rules: every version status × action, draft and publish plans, limits, offering levels.
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/domain/errors.js'
import {
  canTransition, checkItemLimits, draftPlan, InvalidVersionTransitionError, nextVersionStatus, offeringKind, publishPlan,
  VERSION_ACTIONS, type VersionAction,
} from '../../src/domain/item-rules.js'
import { CENTER_LEVELS, ITEM_VERSION_STATUSES, type ItemVersionStatus } from '../../src/domain/vocabulary.js'

describe('version transitions', () => {
  const expected: Record<VersionAction, Partial<Record<ItemVersionStatus, string>>> = {
    edit: { draft: 'draft' },
    publish: { draft: 'published' },
    supersede: { published: 'superseded' },
    discard: { draft: 'discarded' },
  }
  for (const action of Object.keys(VERSION_ACTIONS) as VersionAction[]) {
    for (const status of ITEM_VERSION_STATUSES) {
      const to = expected[action][status]
      it(`${status} --${action}--> ${to ?? 'refused'}`, () => {
        expect(canTransition(status, action)).toBe(to !== undefined)
        if (to) expect(nextVersionStatus(status, action)).toBe(to)
        else {
          expect(() => nextVersionStatus(status, action)).toThrow(InvalidVersionTransitionError)
          try { nextVersionStatus(status, action) } catch (e) {
            expect(e).toBeInstanceOf(AppError)
            expect((e as AppError).kind).toBe('conflict')
            expect((e as AppError).code).toBe('invalid_transition')
          }
        }
      })
    }
  }
  it('a superseded version is final', () => {
    for (const action of Object.keys(VERSION_ACTIONS) as VersionAction[]) expect(canTransition('superseded', action)).toBe(false)
  })
})

describe('draftPlan', () => {
  it('creating an item: version 1', () => {
    expect(draftPlan([])).toEqual({ kind: 'create', version: 1, copyFrom: null })
  })
  it('a draft is edited in place', () => {
    expect(draftPlan([{ version: 1, status: 'published' }, { version: 2, status: 'draft' }])).toEqual({ kind: 'update', version: 2 })
  })
  it('a published item gets draft N+1 copied from the published version', () => {
    expect(draftPlan([{ version: 1, status: 'superseded' }, { version: 2, status: 'published' }])).toEqual({ kind: 'create', version: 3, copyFrom: 2 })
  })
})

describe('publishPlan', () => {
  it('nothing to publish without a draft', () => {
    expect(publishPlan([{ version: 1, status: 'published' }])).toBeUndefined()
  })
  it('first publish supersedes nothing', () => {
    expect(publishPlan([{ version: 1, status: 'draft' }])).toEqual({ publish: 1, supersede: null })
  })
  it('publishing draft 2 supersedes version 1', () => {
    expect(publishPlan([{ version: 1, status: 'published' }, { version: 2, status: 'draft' }])).toEqual({ publish: 2, supersede: 1 })
  })
})

describe('checkItemLimits', () => {
  const ok = { legalDays: 20, promisedDays: 10, acceptLevel: 'town', decideLevel: 'district' } as const
  it('accepts promised ≤ legal and accept ≤ decide', () => {
    expect(checkItemLimits(ok)).toEqual([])
    expect(checkItemLimits({ ...ok, promisedDays: 20 })).toEqual([])
  })
  it('names body.promisedDays when promised > legal', () => {
    expect(checkItemLimits({ ...ok, promisedDays: 21 })).toEqual([{ field: 'body.promisedDays', message: expect.stringContaining('21') }])
  })
  it('names body.decideLevel when decided below where it is accepted', () => {
    expect(checkItemLimits({ ...ok, acceptLevel: 'district', decideLevel: 'town' }).map((p) => p.field)).toEqual(['body.decideLevel'])
  })
  it('names a step limit longer than the legal limit', () => {
    expect(checkItemLimits({ ...ok, stepLimits: [{ step: '审查', days: 3 }, { step: '决定', days: 30 }] }, 'x').map((p) => p.field)).toEqual(['x.stepLimits.1.days'])
  })
})

describe('offeringKind', () => {
  const table: [accept: string, decide: string, center: string, kind: string][] = [
    ['district', 'district', 'district', 'direct'],
    ['district', 'district', 'town', 'not_allowed'],
    ['district', 'district', 'village', 'not_allowed'],
    ['town', 'district', 'district', 'direct'],
    ['town', 'district', 'town', 'forward'],
    ['town', 'district', 'village', 'not_allowed'],
    ['village', 'district', 'village', 'forward'],
    ['village', 'town', 'village', 'forward'],
    ['village', 'town', 'town', 'direct'],
    ['town', 'town', 'town', 'direct'],
  ]
  for (const [acceptLevel, decideLevel, center, kind] of table) {
    it(`accept ${acceptLevel}, decide ${decideLevel}, at a ${center}: ${kind}`, () => {
      expect(offeringKind({ acceptLevel, decideLevel } as never, center as never)).toBe(kind)
    })
  }
  it('covers every level', () => {
    for (const l of CENTER_LEVELS) expect(offeringKind({ acceptLevel: 'village', decideLevel: 'village' }, l)).toBe('direct')
  })
})
