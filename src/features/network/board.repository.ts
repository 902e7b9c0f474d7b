// SQL behind the 应进必进 board: a center's departments with their published items, and the windows serving them.
import { sql, type NotNull } from 'kysely'
import type { Db } from '../../db/database.js'

/** Active departments of the center; `items` counts active items that have a published version. */
export function boardDepartments(db: Db, centerId: number) {
  return db.selectFrom('departments as d')
    .select((eb) => [
      'd.id', 'd.code', 'd.name', 'd.required', 'd.entered_on as enteredOn',
      eb.selectFrom('service_items as i').select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.department_id', '=', 'd.id').where('i.status', '=', 'active')
        .where(({ exists, selectFrom }) => exists(
          selectFrom('item_versions as v').select('v.id').whereRef('v.item_id', '=', 'i.id').where('v.status', '=', 'published'),
        ))
        .as('items'),
    ])
    .$narrowType<{ items: NotNull }>()
    .where('d.center_id', '=', centerId).where('d.status', '=', 'active')
    .orderBy('d.required', 'desc').orderBy(sql`d.entered_on is null`).orderBy('d.code')
    .execute()
}

/** Windows (not retired) serving any of the departments. */
export async function boardWindows(db: Db, departmentIds: number[]) {
  if (!departmentIds.length) return []
  return db.selectFrom('window_departments as wd').innerJoin('windows as w', 'w.id', 'wd.window_id')
    .select(['wd.department_id as departmentId', 'w.id', 'w.number', 'w.name'])
    .where('wd.department_id', 'in', departmentIds).where('w.status', '<>', 'retired')
    .orderBy(sql`length(w.number)`).orderBy('w.number')
    .execute()
}
