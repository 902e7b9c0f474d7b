import { describe, expect, it } from 'vitest'
import { latestCallPerTicket } from '../../src/domain/ticket-rules.js'

describe('latestCallPerTicket (the display board\'s 最近叫号)', () => {
  it('keeps each ticket once, at its newest call, and at most `max` tickets', () => {
    const calls = [
      { number: 'A003', windowNumber: '5' }, { number: 'A001', windowNumber: '2' }, { number: 'A003', windowNumber: '4' },
      { number: 'A002', windowNumber: '1' }, { number: 'A001', windowNumber: '1' },
    ]
    expect(latestCallPerTicket(calls, 8)).toEqual([{ number: 'A003', windowNumber: '5' }, { number: 'A001', windowNumber: '2' }, { number: 'A002', windowNumber: '1' }])
    expect(latestCallPerTicket(calls, 2).map((c) => c.number)).toEqual(['A003', 'A001'])
  })
})
