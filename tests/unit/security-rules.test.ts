// Pure security rules: login throttle delays, the password policy, file access, the hash limiter.
import { describe, expect, it } from 'vitest'
import { staffMayRead, deleteRefusal } from '../../src/domain/file-access.js'
import { blockSeconds, throttleRules } from '../../src/domain/login-throttle.js'
import { passwordProblem } from '../../src/domain/password-policy.js'
import { HashLimiter } from '../../src/features/session/hash-limiter.js'

describe('login throttle', () => {
  const rules = throttleRules({ lockoutAttempts: 5, lockoutMinutes: 15, ipLockoutAttempts: 20, ipLockoutMinutes: 60 })
  it('nothing below the threshold, then 1, 2, 4, 8 minutes … up to the ceiling', () => {
    expect([1, 4].map((n) => blockSeconds(n, rules.userIp))).toEqual([0, 0])
    expect([5, 6, 7, 8, 9, 10, 50].map((n) => blockSeconds(n, rules.userIp))).toEqual([60, 120, 240, 480, 900, 900, 900])
    expect([19, 20, 21, 26, 1000].map((n) => blockSeconds(n, rules.ip))).toEqual([0, 60, 120, 3600, 3600])
  })
})

describe('password policy', () => {
  it.each([
    ['Abc-1234', undefined, undefined],
    ['short1', undefined, /至少 8 位/],
    ['abcdefgh', undefined, /字母和数字/],
    ['12345678', undefined, /字母和数字/],
    ['Zhang.San-2026', 'zhang.san', /用户名/],
    ['ZHANG.SAN-2026', 'zhang.san', /用户名/],
    ['ab-Pass-1', 'ab', undefined], // a two-letter username is refused only as the whole password
  ])('%s (user %s)', (pw, user, problem) => {
    const got = passwordProblem(pw, user)
    if (problem) expect(got).toMatch(problem)
    else expect(got).toBeUndefined()
  })
})

describe('file access', () => {
  const town = { userId: 7, roles: ['clerk' as const], centerPath: '/1/3/' }
  const editor = { userId: 8, roles: ['manager' as const], centerPath: '/1/3/' }
  const file = (over: Partial<Parameters<typeof staffMayRead>[1]> = {}) => ({ centerPath: '/1/3/', createdBy: 99, referenced: false, published: false, ...over })
  it('inside the jurisdiction: a sample in use, one\'s own upload, or any upload for an editor', () => {
    expect(staffMayRead(town, file({ referenced: true }))).toBe(true)
    expect(staffMayRead(town, file({ createdBy: 7 }))).toBe(true)
    expect(staffMayRead(town, file())).toBe(false)
    expect(staffMayRead(editor, file())).toBe(true)
    expect(staffMayRead(town, file({ centerPath: '/1/3/12/', referenced: true }))).toBe(true) // a village below
  })
  it('outside: only published samples', () => {
    expect(staffMayRead(town, file({ centerPath: '/1/4/', referenced: true }))).toBe(false)
    expect(staffMayRead(editor, file({ centerPath: '/1/', createdBy: 8 }))).toBe(false) // the district's, even one's own once moved
    expect(staffMayRead(town, file({ centerPath: '/1/4/', referenced: true, published: true }))).toBe(true)
  })
  it('delete: editors of the center, unused files only', () => {
    expect(deleteRefusal(editor, file())).toBeUndefined()
    expect(deleteRefusal(editor, file({ referenced: true }))).toBe('in_use')
    expect(deleteRefusal(town, file())).toBe('outside')
    expect(deleteRefusal(editor, file({ centerPath: '/1/4/' }))).toBe('outside')
  })
})

describe('HashLimiter', () => {
  it('runs at most `concurrency` at once, queues up to maxQueue, refuses beyond with 429 busy', async () => {
    const limiter = new HashLimiter(1, 2)
    let running = 0; let most = 0
    const releases: (() => void)[] = []
    const job = () => limiter.run(async () => {
      running += 1; most = Math.max(most, running)
      await new Promise<void>((r) => releases.push(r))
      running -= 1
    })
    const jobs = [job(), job(), job()]
    await expect(job()).rejects.toMatchObject({ code: 'busy', kind: 'locked' })
    expect(limiter.queued).toBe(2)
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r))
      releases.shift()!()
    }
    await Promise.all(jobs)
    expect(most).toBe(1)
    expect(limiter.queued).toBe(0)
  })
  it('takes turns between keys: a key with a long queue does not hold back another key', async () => {
    const limiter = new HashLimiter(1, 10, 3)
    const order: string[] = []
    const releases: (() => void)[] = []
    const job = (key: string, name: string) => limiter.run(async () => { order.push(name); await new Promise<void>((r) => releases.push(r)) }, key)
    const jobs = [job('flood', 'f1'), job('flood', 'f2'), job('flood', 'f3'), job('flood', 'f4'), job('user', 'u1')]
    await expect(job('flood', 'f5')).rejects.toMatchObject({ code: 'busy' }) // 3 waiting for this key already
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setImmediate(r))
      releases.shift()!()
    }
    await Promise.all(jobs)
    expect(order).toEqual(['f1', 'f2', 'u1', 'f3', 'f4'])
  })

  it('low work (an address that has failed) waits until no other work waits', async () => {
    const limiter = new HashLimiter(1, 10)
    const order: string[] = []
    const releases: (() => void)[] = []
    const job = (key: string, name: string, low: boolean) => limiter.run(async () => { order.push(name); await new Promise<void>((r) => releases.push(r)) }, key, low)
    const jobs = [job('flood', 'f1', true), job('flood', 'f2', true), job('flood', 'f3', true), job('user', 'u1', false)]
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setImmediate(r))
      releases.shift()!()
    }
    await Promise.all(jobs)
    expect(order).toEqual(['f1', 'u1', 'f2', 'f3'])
  })

  it('a reserved slot: normal work starts at once while low work holds the shared slots', async () => {
    const limiter = new HashLimiter(1, 10, 10, 1)
    const releases: (() => void)[] = []
    const started: string[] = []
    const job = (name: string, low: boolean) => limiter.run(async () => { started.push(name); await new Promise<void>((r) => releases.push(r)) }, name, low)
    const jobs = [job('f1', true), job('f2', true), job('u1', false)]
    await new Promise((r) => setImmediate(r))
    expect(started).toEqual(['f1', 'u1']) // f2 waits: low work has one slot
    expect(limiter.queued).toBe(1)
    while (releases.length) { releases.shift()!(); await new Promise((r) => setImmediate(r)) }
    await Promise.all(jobs)
    expect(started).toEqual(['f1', 'u1', 'f2'])
  })

  it('a failing job frees its slot', async () => {
    const limiter = new HashLimiter(1, 1)
    await expect(limiter.run(async () => { throw new Error('x') })).rejects.toThrow('x')
    await expect(limiter.run(async () => 5)).resolves.toBe(5)
  })
})
