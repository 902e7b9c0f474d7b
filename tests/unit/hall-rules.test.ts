// Pure hall rules: ticket numbers, the status table, queue order, the wait estimate, China time, hours and slots.
import { describe, expect, it } from 'vitest'
import { arrival, bookingRefusal, chinaTime, closedReason, daySlots, hoursProblems, hoursText, openLength, openMinute, toHm, toMinutes } from '../../src/domain/hall-time.js'
import { parseHours } from '../../src/db/migrations/0161_opening_hours.js'
import {
  allowedTicketActions, callText, compareQueue, estimateWaitMinutes, maskPhone, nextTicketStatus, TICKET_ACTIONS, TICKET_STATUSES, ticketNumber,
  type TicketActionName,
} from '../../src/domain/ticket-rules.js'
import { AppError } from '../../src/domain/errors.js'

describe('ticket numbers', () => {
  it('pads to three digits and grows past 999', () => {
    expect(ticketNumber('A', 1)).toBe('A001')
    expect(ticketNumber('B', 42)).toBe('B042')
    expect(ticketNumber('AB', 999)).toBe('AB999')
    expect(ticketNumber('A', 1000)).toBe('A1000')
  })
  it('says the call in Chinese', () => expect(callText('A001', '3')).toBe('请A001号到3号窗口办理'))
})

describe('ticket statuses', () => {
  it('every status × action pair either moves as the table says or is a 409 naming the allowed actions', () => {
    for (const status of TICKET_STATUSES) {
      for (const action of Object.keys(TICKET_ACTIONS) as TicketActionName[]) {
        const rule = TICKET_ACTIONS[action]
        if ((rule.from as readonly string[]).includes(status)) expect(nextTicketStatus(status, action)).toBe(rule.to ?? status)
        else {
          try { nextTicketStatus(status, action); expect.unreachable() } catch (e) {
            expect(e).toBeInstanceOf(AppError)
            expect((e as AppError).code).toBe('invalid_transition')
            expect((e as AppError).details).toEqual({ status, allowedActions: allowedTicketActions(status) })
          }
        }
      }
    }
  })
  it('a finished or missed ticket cannot be called again; a served one can still be linked to its case', () => {
    expect(allowedTicketActions('no_show')).toEqual([])
    expect(allowedTicketActions('done')).toEqual(['link'])
    expect(allowedTicketActions('called')).toEqual(['recall', 'start', 'noShow', 'transfer'])
  })
})

describe('queue order', () => {
  const at = (m: number) => new Date(Date.UTC(2026, 2, 10, 2, m))
  it('puts appointments first, then arrival, then id', () => {
    const q = [
      { id: 1, priority: 1, queuedAt: at(0) }, { id: 2, priority: 0, queuedAt: at(5) },
      { id: 4, priority: 1, queuedAt: at(1) }, { id: 3, priority: 1, queuedAt: at(1) },
    ].sort(compareQueue)
    expect(q.map((x) => x.id)).toEqual([2, 1, 3, 4])
  })
  it('estimates the wait from recent service times shared by the windows, 5 minutes each without history', () => {
    expect(estimateWaitMinutes(0, [600], 1)).toBe(0)
    expect(estimateWaitMinutes(3, [], 1)).toBe(15)
    expect(estimateWaitMinutes(3, [120, 240], 2)).toBe(5)
    expect(estimateWaitMinutes(1, [60], 0)).toBe(1)
  })
  it('masks phones', () => expect(maskPhone('13812345678')).toBe('138****5678'))
})

describe('hall time', () => {
  it('reads China time from an instant', () => {
    expect(chinaTime(new Date('2026-03-10T01:30:00Z'))).toEqual({ day: '2026-03-10', minutes: 9 * 60 + 30 })
    expect(chinaTime(new Date('2026-03-10T16:30:00Z'))).toEqual({ day: '2026-03-11', minutes: 30 })
    expect(toHm(toMinutes('08:05'))).toBe('08:05')
  })
  it('gives the reason a hall is closed, checked in order', () => {
    const open = { opens: '09:00', lunchStarts: null, lunchEnds: null, closes: '17:00', closed: false, centerActive: true, workday: true }
    expect(closedReason({ ...open, minutes: 9 * 60 })).toBeNull()
    expect(closedReason({ ...open, minutes: 8 * 60 + 59 })).toBe('before_opening')
    expect(closedReason({ ...open, minutes: 17 * 60 })).toBe('after_closing')
    expect(closedReason({ ...open, workday: false, minutes: 600 })).toBe('not_workday')
    expect(closedReason({ ...open, closed: true, workday: false, minutes: 600 })).toBe('hall_closed')
    expect(closedReason({ ...open, centerActive: false, minutes: 600 })).toBe('center_retired')
  })
  it('closes over the lunch break, and says so', () => {
    const h = { opens: '08:30', lunchStarts: '12:00', lunchEnds: '14:00', closes: '17:30', closed: false, centerActive: true, workday: true }
    expect(closedReason({ ...h, minutes: 11 * 60 + 59 })).toBeNull()
    expect(closedReason({ ...h, minutes: 12 * 60 })).toBe('lunch_break')
    expect(closedReason({ ...h, minutes: 13 * 60 + 59 })).toBe('lunch_break')
    expect(closedReason({ ...h, minutes: 14 * 60 })).toBeNull()
    expect(closedReason({ ...h, minutes: 8 * 60 + 29 })).toBe('before_opening')
    expect(closedReason({ ...h, minutes: 17 * 60 + 30 })).toBe('after_closing')
  })
  it('cuts a day into whole slots before closing, none over lunch', () => {
    const noLunch = { opens: '09:00', lunchStarts: null, lunchEnds: null, closes: '10:45' }
    expect(daySlots(noLunch, 30)).toEqual([{ start: '09:00', end: '09:30' }, { start: '09:30', end: '10:00' }, { start: '10:00', end: '10:30' }])
    const slots = daySlots({ opens: '08:30', lunchStarts: '12:00', lunchEnds: '14:00', closes: '17:30' }, 60)
    expect(slots.map((s) => s.start)).toEqual(['08:30', '09:30', '10:30', '14:00', '15:00', '16:00'])
    expect(slots.every((s) => s.end <= '12:00' || s.start >= '14:00')).toBe(true)
  })
  it('prints the hours once for every page, and refuses hours out of order naming the field', () => {
    const h = { opens: '08:30', lunchStarts: '12:00', lunchEnds: '14:00', closes: '17:30' }
    expect(hoursText(h)).toBe('工作日 08:30–12:00、14:00–17:30')
    expect(hoursText({ ...h, lunchStarts: null, lunchEnds: null })).toBe('工作日 08:30–17:30')
    expect(hoursProblems(h)).toEqual([])
    expect(hoursProblems({ ...h, lunchEnds: null })[0].field).toBe('body.lunchEnds')
    expect(hoursProblems({ ...h, lunchStarts: '08:00' })[0].field).toBe('body.lunchStarts')
    expect(hoursProblems({ ...h, lunchEnds: '11:00' })[0].field).toBe('body.lunchEnds')
    expect(hoursProblems({ ...h, lunchEnds: '18:00' })[0].field).toBe('body.lunchEnds')
    expect(hoursProblems({ ...h, closes: '08:00' })[0].field).toBe('body.closes')
  })
  it('counts open minutes across the lunch break (the demo history places its visits with it)', () => {
    const h = { opens: '08:30', lunchStarts: '12:00', lunchEnds: '14:00', closes: '17:30' }
    expect(openLength(h)).toBe(420)
    expect(toHm(openMinute(h, 0))).toBe('08:30')
    expect(toHm(openMinute(h, 209))).toBe('11:59')
    expect(toHm(openMinute(h, 210))).toBe('14:00')
    expect(toHm(openMinute(h, 5000))).toBe('17:29')
  })
  it('refuses unknown, past, day-off and too-distant slots', () => {
    const slots = daySlots({ opens: '09:00', lunchStarts: null, lunchEnds: null, closes: '17:00' }, 30)
    const now = { day: '2026-03-10', minutes: 10 * 60 }
    const base = { slots, workday: true, now, maxDaysAhead: 7 }
    expect(bookingRefusal({ ...base, day: '2026-03-10', start: '10:30' })).toBeNull()
    expect(bookingRefusal({ ...base, day: '2026-03-10', start: '10:00' })).toBe('slot_past')
    expect(bookingRefusal({ ...base, day: '2026-03-09', start: '15:00' })).toBe('slot_past')
    expect(bookingRefusal({ ...base, day: '2026-03-11', start: '10:15' })).toBe('slot_unknown')
    expect(bookingRefusal({ ...base, day: '2026-03-11', start: '10:30', workday: false })).toBe('not_workday')
    expect(bookingRefusal({ ...base, day: '2026-03-17', start: '10:30' })).toBeNull()
    expect(bookingRefusal({ ...base, day: '2026-03-18', start: '10:30' })).toBe('too_far_ahead')
  })
  it('tells on-time, late and wrong-day arrivals apart', () => {
    const now = { day: '2026-03-10', minutes: 10 * 60 + 29 }
    expect(arrival({ day: '2026-03-10', slotEnd: '10:30', now })).toBe('on_time')
    expect(arrival({ day: '2026-03-10', slotEnd: '10:29', now })).toBe('late')
    expect(arrival({ day: '2026-03-11', slotEnd: '10:30', now })).toBe('wrong_day')
  })
})

describe('migration 0161 reads the old free-text hours', () => {
  it('takes the first and last times and the lunch break between; none when the text names no period', () => {
    expect(parseHours('周一至周五 8:30-12:00 14:00-17:30')).toEqual({ opens: '08:30', lunchStarts: '12:00', lunchEnds: '14:00', closes: '17:30' })
    expect(parseHours('周一至周五 8:30–17:00')).toEqual({ opens: '08:30', lunchStarts: null, lunchEnds: null, closes: '17:00' })
    expect(parseHours('工作日 9:00~11:30，14:30至17:00')).toEqual({ opens: '09:00', lunchStarts: '11:30', lunchEnds: '14:30', closes: '17:00' })
    expect(parseHours('周一至周五')).toBeNull()
    expect(parseHours('14:00-17:30 8:30-12:00')).toBeNull() // out of order: the defaults are kept
  })
})
