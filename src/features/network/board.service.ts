// The 应进必进 board: of the units that must be present in a district or town center, how many have entered.
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import type { Actor } from '../../domain/jurisdiction.js'
import * as repo from './board.repository.js'
import { getCenterInScope } from './network.shared.js'

export async function getEntryBoard(db: Db, actor: Actor, centerId = actor.centerId) {
  const center = await getCenterInScope(db, actor, centerId)
  if (center.level === 'village') {
    throw errors.validation([{ field: 'querystring.centerId', message: '应进必进只统计区中心和镇中心，请选择区或镇中心' }])
  }
  const departments = await repo.boardDepartments(db, center.id)
  const windows = await repo.boardWindows(db, departments.map((d) => d.id))
  const required = departments.filter((d) => d.required).length
  const entered = departments.filter((d) => d.required && d.enteredOn !== null).length
  // A 综合窗口 serves several departments: windows are counted once, not once per department.
  const enteredIds = new Set(departments.filter((d) => d.enteredOn !== null).map((d) => d.id))
  const windowsOf = (keep: (departmentId: number) => boolean) => new Set(windows.filter((w) => keep(w.departmentId)).map((w) => w.id)).size
  return {
    center: { id: center.id, name: center.name, level: center.level },
    required,
    entered,
    rate: required ? entered / required : 0,
    windows: windowsOf(() => true),
    windowsOfEntered: windowsOf((id) => enteredIds.has(id)),
    departments: departments.map((d) => ({
      id: d.id, code: d.code, name: d.name, required: d.required, entered: d.enteredOn !== null, enteredOn: d.enteredOn,
      windows: windows.filter((w) => w.departmentId === d.id).map(({ id, number, name }) => ({ id, number, name })),
      items: d.items,
    })),
  }
}
