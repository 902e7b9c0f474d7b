// The priority lane marked by staff: a waiting ticket of an elderly, disabled or pregnant visitor moves to the priority
// lane (after checked-in appointments, before ordinary walk-ins; it keeps its arrival time), with a ticket event.
import { errors } from '../../domain/errors.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { QUEUE_RANK } from '../../domain/ticket-rules.js'
import { ticketView } from './calling.service.js'
import type { Hall } from './hall.context.js'
import * as repo from './tickets.repository.js'

export async function markPriority(hall: Hall, actor: Actor, ticketId: number) {
  const at = hall.clock.now()
  const centerId = await hall.db.transaction().execute(async (trx) => {
    const t = await repo.lockTicket(trx, ticketId)
    if (!t) throw errors.notFound('票号', ticketId)
    if (t.centerId !== actor.centerId) throw errors.forbidden('只能处理本中心的票号')
    if (t.status !== 'waiting') throw errors.conflict('invalid_transition', '只有等候中的票号可以改为优先', { status: t.status })
    if (t.priority <= QUEUE_RANK.priority) throw errors.conflict('already_priority', t.priority === QUEUE_RANK.appointment ? '预约票号已排在优先票号之前' : '此票号已是优先票号')
    await repo.transition(trx, { priority: QUEUE_RANK.priority }, { ticketId: t.id, centerId: t.centerId, at, action: 'prioritized', staffId: actor.userId, data: { from: t.priority } })
    return t.centerId
  })
  hall.hub.committed({ c: centerId })
  return ticketView(hall.db, ticketId)
}
