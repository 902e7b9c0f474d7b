// The law's rules for limits, deciding bodies, appeal wording and the catalog check.
import { describe, expect, it } from 'vitest'
import { appealRights, catalogWarnings, deciderBlock, decidingBodyOf, defaultLimits, denialWording, extensionApprover } from '../../src/domain/legal-rules.js'

describe('defaults by 事项类型', () => {
  it('行政许可: working days and §42 (joint +15); 行政确认: no extension, 予以确认 (予以登记 for a registration)', () => {
    expect(defaultLimits('行政许可', 'promised')).toEqual({ daysUnit: 'workday', extensionRule: 'art42', outcomeWording: '准予许可' })
    expect(defaultLimits('行政许可', 'joint').extensionRule).toBe('joint')
    expect(defaultLimits('行政确认', 'promised', '工伤认定')).toEqual({ daysUnit: 'workday', extensionRule: 'none', outcomeWording: '予以确认' })
    expect(defaultLimits('行政确认', 'promised', '不动产抵押登记').outcomeWording).toBe('予以登记')
    expect(defaultLimits('行政给付', 'promised').outcomeWording).toBe('准予给付')
    expect(defaultLimits('公共服务', 'immediate').outcomeWording).toBe('已办结')
  })
})

describe('a denial in the grant\'s words', () => {
  it('不予许可, 不予确认, 不予给付, 不予登记; 已办结 or a wording without a granting verb → 不予办理', () => {
    expect(['准予许可', '予以确认', '准予给付', '予以登记', '同意备案', '已办结', ''].map(denialWording))
      .toEqual(['不予许可', '不予确认', '不予给付', '不予登记', '不予备案', '不予办理', '不予办理'])
  })
})

describe('the deciding body and the appeal wording', () => {
  const d = decidingBodyOf({ name: '区经改局', reviewBody: null, court: null, reviewFirst: false }, { reviewBody: '区人民政府', court: '区人民法院' })
  it('the department decides; review body and court default to the center\'s', () => {
    expect(d).toEqual({ decidingBody: '区经改局', reviewBody: '区人民政府', court: '区人民法院', reviewFirst: false })
    expect(appealRights(d)).toBe('申请人如不服本决定，可以自收到本决定之日起六十日内向区人民政府申请行政复议，或者自收到本决定之日起六个月内向区人民法院提起行政诉讼。（作出机关：区经改局）')
  })
  it('复议前置 offers no direct lawsuit; a department\'s own review body wins', () => {
    const tax = decidingBodyOf({ name: '区税务局', reviewBody: '市税务局', court: null, reviewFirst: true }, { reviewBody: '区人民政府', court: '区人民法院' })
    expect(appealRights(tax)).toContain('向市税务局申请行政复议；对行政复议决定不服的')
    expect(appealRights(tax)).not.toContain('六个月')
  })
})

describe('who decides', () => {
  const base = { actorDepartmentId: 1, caseDepartmentId: 1, windowMayRefuse: true }
  it('extend: the deciding department\'s head only', () => {
    expect(deciderBlock('extend', { ...base, roles: ['department_head'] })).toBeUndefined()
    expect(deciderBlock('extend', { ...base, roles: ['department_head'], actorDepartmentId: 2 })).toBeDefined()
  })
  it('refuse: the window where entrusted, else the department\'s approver', () => {
    expect(deciderBlock('refuse', { ...base, roles: ['clerk'], actorDepartmentId: null })).toBeUndefined()
    expect(deciderBlock('refuse', { ...base, roles: ['clerk'], actorDepartmentId: null, windowMayRefuse: false })).toContain('未委托窗口')
    expect(deciderBlock('refuse', { ...base, roles: ['approver'], windowMayRefuse: false })).toBeUndefined()
    expect(deciderBlock('refuse', { ...base, roles: ['approver'], actorDepartmentId: 2 })).toBeDefined()
  })
})

describe('the catalog check', () => {
  const ok = { itemType: '行政许可', handlingKind: 'promised' as const, daysUnit: 'workday' as const, extensionRule: 'art42' as const, outcomeWording: '准予许可', implementingBody: '区经改局', specialProcedures: [] }
  it('a lawful 行政许可 passes; calendar days, the center as body, a public notice pause are named', () => {
    expect(catalogWarnings(ok)).toEqual([])
    expect(catalogWarnings({ ...ok, daysUnit: 'calendar', implementingBody: '区行政服务中心', specialProcedures: ['public_notice'] }).map((w) => w.field))
      .toEqual(['legalDaysUnit', 'implementingBody', 'specialProcedures'])
    expect(catalogWarnings({ ...ok, handlingKind: 'joint' }).map((w) => w.field)).toEqual(['extensionRule'])
  })
  it('a 行政确认 with §42 and 准予许可 is named; with its own rule and wording it passes', () => {
    expect(catalogWarnings({ ...ok, itemType: '行政确认' }).map((w) => w.field)).toEqual(['extensionRule', 'outcomeWording'])
    expect(catalogWarnings({ ...ok, itemType: '行政确认', daysUnit: 'calendar', extensionRule: 'none', outcomeWording: '予以确认' })).toEqual([])
  })
})

describe('who moves the promised date (issue 18)', () => {
  const facts = { roles: ['approver'], actorDepartmentId: 1, caseDepartmentId: 1, windowMayRefuse: true, roomWithinLegal: 10 }
  it('within the legal limit the department\'s approver; past it the head, or the head\'s AB stand-in while the head is away', () => {
    expect(extensionApprover(facts, 10)).toBe('department')
    expect(extensionApprover(facts, 11)).toContain('部门负责人')
    expect(extensionApprover({ ...facts, roomWithinLegal: 0 })).toContain('部门负责人')
    expect(deciderBlock('extend', { ...facts, roomWithinLegal: 0 })).toBeDefined() // not offered when nothing is left within the limit
    expect(extensionApprover({ ...facts, standingIn: true }, 11)).toBe('stand_in')
    expect(extensionApprover({ ...facts, roles: ['department_head'] }, 11)).toBe('head')
    expect(extensionApprover({ ...facts, roles: ['department_head'], actorDepartmentId: 2 }, 1)).toContain('作出决定的部门')
  })
})
