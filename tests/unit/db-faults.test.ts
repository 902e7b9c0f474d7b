// What a database error means (503 database_unavailable / storage_low, or neither) and the embedded server's
// supervisor: a dead postmaster is started again, failed attempts are retried with a growing pause and logged.
import { describe, expect, it } from 'vitest'
import { dbFault } from '../../src/db/faults.js'
import { restartDelayMs, superviseEmbedded } from '../../src/db/supervisor.js'

describe('dbFault', () => {
  it('a server going away, restarting or refusing connections is unavailable', () => {
    expect(dbFault({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe('unavailable')
    expect(dbFault({ code: '57P03', message: 'the database system is starting up' })).toBe('unavailable')
    expect(dbFault({ code: '08006' })).toBe('unavailable')
    expect(dbFault({ code: '53300', message: 'too many clients' })).toBe('unavailable')
    expect(dbFault(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED', syscall: 'connect' }))).toBe('unavailable')
    expect(dbFault(Object.assign(new Error('connect ENOENT /data/pg/.s.PGSQL.5433'), { code: 'ENOENT', syscall: 'connect' }))).toBe('unavailable')
    expect(dbFault(new Error('Connection terminated unexpectedly'))).toBe('unavailable')
    expect(dbFault(new Error('Client has encountered a connection error and is not queryable'))).toBe('unavailable')
    expect(dbFault({ errors: [{ code: 'ECONNREFUSED', syscall: 'connect' }, { code: 'ECONNREFUSED', syscall: 'connect' }] })).toBe('unavailable')
  })

  it('a full disk is storage; the caller\'s own mistakes and a missing file are neither', () => {
    expect(dbFault({ code: '53100', message: 'could not extend file: No space left on device' })).toBe('storage')
    expect(dbFault({ code: '23505' })).toBeUndefined()
    expect(dbFault({ code: '22P02' })).toBeUndefined()
    expect(dbFault(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', syscall: 'open' }))).toBeUndefined()
    expect(dbFault(Object.assign(new Error('Connection terminated'), { code: 'X1' }))).toBeUndefined()
    expect(dbFault(undefined)).toBeUndefined()
  })
})

describe('the embedded server supervisor', () => {
  it('waits 0, 1, 2, 4 … seconds between restart attempts, at most 30', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(restartDelayMs)).toEqual([0, 1000, 2000, 4000, 8000, 16000, 30000, 30000])
  })

  it('starts a dead server again, retries a failed start after a pause, and says so in the log', async () => {
    let alive = true
    let attempts = 0
    const lines: string[] = []
    const sup = superviseEmbedded({
      running: () => alive,
      restart: async () => { attempts += 1; if (attempts === 1) throw new Error('pre-existing shared memory block is still in use'); alive = true },
    }, { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) }, { checkMs: 20 })
    await new Promise((r) => setTimeout(r, 60))
    expect(attempts).toBe(0)
    alive = false
    const end = Date.now() + 3000
    while (!alive && Date.now() < end) await new Promise((r) => setTimeout(r, 20))
    await sup.stop()
    expect(alive).toBe(true)
    expect(attempts).toBe(2)
    expect(lines[0]).toMatch(/^error .*postmaster is gone/)
    expect(lines[1]).toMatch(/^error .*restart attempt 1 failed; next in 1 s.*shared memory/)
    expect(lines[2]).toMatch(/^info .*back after .* s \(attempt 2\)/)
  })

  it('stopped, it restarts nothing', async () => {
    let attempts = 0
    const sup = superviseEmbedded({ running: () => false, restart: async () => { attempts += 1 } }, { info: () => {}, warn: () => {}, error: () => {} }, { checkMs: 20 })
    await sup.stop()
    await new Promise((r) => setTimeout(r, 80))
    expect(attempts).toBe(0)
  })
})
