// 电子监察 lights: each open step is green, yellow or red from its due date on the working-day calendar and its
// center's thresholds (lightOf in src/domain/deadlines.ts, the same rule the case pages use); lists of yellow and red
// grouped by center, department, window and person, within the caller's jurisdiction.
import type { Calendar } from '../../domain/calendar.js'
import { chinaDate } from '../../domain/clock.js'
import { lightOf, type Light } from '../../domain/deadlines.js'
import { assertCan, assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../kernel/context.js'
import { calendarCache } from '../calendar/calendar.service.js'
import { effectiveDue } from '../cases/cases.view.js'
import { errors } from '../../domain/errors.js'
import { openSteps, type OpenStep } from './lights.repository.js'
import { allSettings, settingsFor, type SupervisionSettings } from './settings.repository.js'

/** The light of one open step: a pure function of the step, the calendar, today and the center's thresholds. */
export function stepLight(cal: Calendar, s: Pick<OpenStep, 'startDate' | 'dueDate' | 'pausedSince'>, today: string, th: SupervisionSettings): { light: Light; due: string | null } {
  const due = effectiveDue(cal, s.dueDate, s.pausedSince, today)
  return { due, light: lightOf(cal, { start: s.startDate, due }, today, { daysLeft: th.yellowDaysLeft, usedShare: th.yellowUsedShare }) }
}

interface Group { key: string; id: number | null; name: string; yellow: number; red: number }
function groupBy(rows: readonly (OpenStep & { light: Light })[], id: (r: OpenStep) => number | null, name: (r: OpenStep) => string | null): Group[] {
  const m = new Map<string, Group>()
  for (const r of rows) {
    const k = String(id(r))
    const g = m.get(k) ?? { key: k, id: id(r), name: name(r) ?? '—', yellow: 0, red: 0 }
    if (r.light === 'yellow') g.yellow += 1
    if (r.light === 'red') g.red += 1
    m.set(k, g)
  }
  return [...m.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.name.localeCompare(b.name))
}

export async function scopeOf(ctx: AppContext, actor: Actor, centerId?: number): Promise<string> {
  if (centerId === undefined) return actor.centerPath
  const c = await ctx.db.selectFrom('centers').select('path').where('id', '=', centerId).executeTakeFirst()
  if (!c) throw errors.notFound('服务中心', centerId)
  assertCovers(actor, c.path)
  return c.path
}

/** Every open step in scope with its light (yellow and red only unless `all`). */
export async function litSteps(ctx: AppContext, scopePath: string, all = false) {
  const [rows, cal, settings] = await Promise.all([openSteps(ctx.db, scopePath), calendarCache(ctx).get(), allSettings(ctx.db)])
  const today = chinaDate(ctx.clock.now())
  const lit = rows.map((r) => ({ ...r, ...stepLight(cal, r, today, settingsFor(settings, r.centerPath)) }))
  return { today, steps: all ? lit : lit.filter((r) => r.light !== 'green') }
}

export async function lightsBoard(ctx: AppContext, actor: Actor, q: { centerId?: number; light?: 'yellow' | 'red' }) {
  assertCan(actor, 'supervision.read')
  const { today, steps } = await litSteps(ctx, await scopeOf(ctx, actor, q.centerId))
  const shown = q.light ? steps.filter((s) => s.light === q.light) : steps
  return {
    today,
    totals: { yellow: steps.filter((s) => s.light === 'yellow').length, red: steps.filter((s) => s.light === 'red').length },
    byCenter: groupBy(steps, (r) => r.centerId, (r) => r.centerName),
    byDepartment: groupBy(steps, (r) => r.departmentId, (r) => r.departmentName),
    byWindow: groupBy(steps, (r) => r.windowId, (r) => r.windowName),
    byPerson: groupBy(steps, (r) => r.personId, (r) => r.personName),
    steps: shown.slice(0, 500).map((s) => ({
      stepId: s.stepId, kind: s.kind, caseId: s.caseId, number: s.number, itemName: s.itemName, status: s.status, light: s.light,
      startDate: s.startDate, dueDate: s.due, centerId: s.centerId, centerName: s.centerName, departmentName: s.departmentName,
      windowName: s.windowName, personName: s.personName, urgedAt: s.urgedAt,
    })),
  }
}
