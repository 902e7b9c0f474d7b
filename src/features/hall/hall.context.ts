// What every hall use case needs: the database, the clock, the display hub, the calendar and the code sender.
import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import { isWorkday } from '../../domain/calendar.js'
import type { AppContext } from '../../kernel/context.js'
import { logSender, type Sender } from '../messages/sender.js'
import type { Clock } from '../../domain/clock.js'
import { calendarCache, type CalendarCache } from '../calendar/calendar.service.js'
import { HallHub } from './display.hub.js'

export interface Hall {
  db: Db
  config: Config
  clock: Clock
  hub: HallHub
  calendar: CalendarCache
  /** The process's one sender (the outbox's): an SMS provider or the log. */
  sender: Sender
  /** Verification codes one phone may ask for in a day (local practice, configurable). */
  codesPerPhonePerDay: number
  /** How many days ahead appointments open. */
  bookingDaysAhead: number
}

type Log = { info(o: object, m: string): void; warn(o: object, m: string): void }

export function createHall(ctx: AppContext, log: Log): Hall {
  return {
    db: ctx.db, config: ctx.config, clock: ctx.clock, hub: new HallHub(ctx.db, ctx.bus, log), calendar: calendarCache(ctx),
    sender: ctx.smsSender ?? logSender(log), codesPerPhonePerDay: 5, bookingDaysAhead: 7,
  }
}

export async function workday(hall: Hall, day: string): Promise<boolean> {
  return isWorkday(await hall.calendar.get(), day)
}
