// When an administrator enters a year's official notice, open cases whose dates counted on the provisional
// calendar are recomputed on the new one, in the same transaction: the case's and its open steps' due dates, with an
// event (`recalculate`) that the applicant is messaged about when a date changed (template `recalculated`).
import type { Db } from '../../db/database.js'
import type { Calendar, IsoDate } from '../../domain/calendar.js'
import { OPEN_STATUSES } from '../../domain/case-status.js'
import { stepDueDate } from '../../domain/deadlines.js'
import { planAcceptance } from './case-plan.js'
import * as repo from './cases.repository.js'

/** Open cases whose dates may lie in `year`: accepted by its end, due (or legally due) from its start on. */
function openCasesTouching(trx: Db, year: number) {
  return trx.selectFrom('cases').select('id').where('status', 'in', [...OPEN_STATUSES]).where('accepted_on', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('due_date', '>=', `${year - 1}-12-25`), eb('legal_due_date', '>=', `${year - 1}-12-25`)]))
    .orderBy('id').forUpdate().execute()
}

export async function recomputeOpenCases(trx: Db, cal: Calendar, year: number, at: Date, today: IsoDate, actorId: number): Promise<number> {
  let changed = 0
  for (const { id } of await openCasesTouching(trx, year)) {
    const row = (await repo.findCase(trx, id))!
    if (!row.acceptedOn) continue
    const pauses = (await repo.listPauses(trx, id)).map((p) => ({ from: p.from, to: p.to }))
    const clock = planAcceptance(cal, row, row.acceptedOn, pauses, today)
    const moved = clock.dueDate !== row.dueDate || clock.legalDueDate !== row.legalDueDate || clock.extendedLegalDueDate !== row.extendedLegalDueDate
    if (!moved && clock.provisional === row.provisional) continue
    for (const st of (await repo.listSteps(trx, id)).filter((s) => s.doneAt === null)) {
      await repo.setStepDue(trx, st.id, stepDueDate(cal, st.startDate, st.limitDays, clock.dueDate, pauses, today, row.daysUnit))
    }
    await repo.updateCase(trx, id, {
      due_date: clock.dueDate, legal_due_date: clock.legalDueDate, extended_legal_due_date: clock.extendedLegalDueDate, provisional: clock.provisional,
    }, at)
    if (!moved) continue
    changed += 1
    await repo.appendEvents(trx, [{
      caseId: id, at, actorId, centerId: row.currentCenterId, windowId: null, action: 'recalculate', from: row.status, to: row.status,
      note: `国务院办公厅公布 ${year} 年节假日安排，承诺办结日期由 ${row.dueDate} 调整为 ${clock.dueDate}` +
        (clock.legalDueDate !== row.legalDueDate ? `，法定办结日期由 ${row.legalDueDate} 调整为 ${clock.legalDueDate}` : ''),
      data: { year, dueDate: clock.dueDate, previousDueDate: row.dueDate, legalDueDate: clock.legalDueDate },
    }])
  }
  return changed
}
