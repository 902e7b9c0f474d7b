import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/domain/errors.js'
import { assertCan, assertCovers, can, childPath, covers, PERMISSIONS } from '../../src/domain/jurisdiction.js'
import { ROLES } from '../../src/domain/vocabulary.js'

describe('jurisdiction', () => {
  const district = childPath(null, 1)
  const townA = childPath(district, 2)
  const townB = childPath(district, 3)
  const villageA = childPath(townA, 12)
  it('builds paths from the district down', () => {
    expect(district).toBe('/1/')
    expect(villageA).toBe('/1/2/12/')
  })
  it('covers its own center and those below, never a sibling or a parent', () => {
    expect(covers(district, villageA)).toBe(true)
    expect(covers(townA, townA)).toBe(true)
    expect(covers(townA, villageA)).toBe(true)
    expect(covers(townA, townB)).toBe(false)
    expect(covers(townA, district)).toBe(false)
    expect(covers(villageA, townA)).toBe(false)
  })
  it('does not confuse ids that share a prefix (center 1 vs 12)', () => {
    expect(covers(childPath(district, 1), childPath(district, 12))).toBe(false)
  })
  it('throws outside_jurisdiction', () => {
    expect(() => assertCovers({ centerPath: townA }, townB)).toThrow(AppError)
    try { assertCovers({ centerPath: townA }, townB) } catch (e) { expect((e as AppError).code).toBe('outside_jurisdiction') }
  })
})

describe('permissions table', () => {
  it('names only known roles', () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(ROLES).toContain(r)
  })
  it('lets managers manage the network and not clerks', () => {
    expect(can(['manager'], 'network.manage')).toBe(true)
    expect(can(['clerk'], 'network.manage')).toBe(false)
    expect(() => assertCan({ roles: ['agent'] }, 'catalog.edit')).toThrow(/权/)
  })
})
