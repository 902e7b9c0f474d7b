// What a stopped demo history may leave behind: a visit cut between its steps (kill -9, power loss) leaves its ticket
// waiting, called or being served on a past day, at a window the next run (and real staff) would find busy. Before
// the history goes on, each such ticket is closed as the hall would have at the end of its day: one being served is
// finished, one called or still waiting is marked no-show, each with its timeline event, in one transaction.
import type { Db } from '../../db/database.js'
import type { IsoDate } from '../../domain/calendar.js'
import { chinaInstant } from '../../domain/hall-time.js'
import { transition } from '../../features/hall/tickets.repository.js'


/** Close the tickets left open on the history's days from `from` up to (not including) `before`; how many. */
export async function closeLeftoverTickets(db: Db, from: IsoDate, before: IsoDate): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('tickets').innerJoin('hall_settings as h', 'h.center_id', 'tickets.center_id')
      .select(['id', 'tickets.center_id', 'day', 'status', 'window_id', 'staff_id', 'h.closes'])
      .where('day', '>=', from).where('day', '<', before).where('status', 'in', ['waiting', 'called', 'serving'])
      .orderBy('id').forUpdate().execute()
    for (const t of open) {
      const at = chinaInstant(String(t.day), t.closes) // the center's closing time that day
      const served = t.status === 'serving'
      await transition(trx, served ? { status: 'done', finished_at: at } : { status: 'no_show' },
        { ticketId: t.id, centerId: t.center_id, at, action: served ? 'finished' : 'no_show', windowId: t.window_id, staffId: t.staff_id, data: { closedBy: 'demo_history' } })
    }
    return open.length
  })
}
