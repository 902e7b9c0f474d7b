// What the history generator needs to know of the loaded demo district: the actors (as the services see them; window
// clerks at an open window, who call tickets), and the published items each center offers, by handling kind, with their materials.
import type { OpeningHours } from '../../domain/hall-time.js'
import { hoursOf } from '../../features/network/centers.repository.js'
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Actor } from '../../domain/jurisdiction.js'
import type { Role } from '../../domain/vocabulary.js'

export interface HistoryItem {
  id: number; kind: string; departmentId: number; materials: number[]; materialNames: string[]; promisedDays: number; name: string
  /** 容缺: the materials that may follow later (item_materials.deferral_allowed), when the item sets a deferral time. */
  deferrable: number[]; deferralDays: number | null
}
/** A 一件事一次办 bundle of a center: its parts' items in order and its shared form's fields. */
export interface HistoryBundle { id: number; centerId: number; name: string; itemIds: number[]; fields: { key: string; label: string; required: boolean }[] }
export interface HistoryCenter {
  id: number; code: string; path: string; foundedOn: string | null; clerks: Actor[]; agents: Actor[]; manager?: Actor
  /** Its opening hours (hall_settings): visits and staff's steps fall inside them. */
  hours: OpeningHours
  /** The center's own approver for its offices' steps (a town's approver has no department). */
  approver?: Actor; items: HistoryItem[]; villages: HistoryCenter[]
}
/** approvers, reviewers (a second approver who takes 审核: separation of duties) and heads (department_head, who
 * approve extensions) by department. */
export interface World {
  centers: Map<string, HistoryCenter>; hours: Map<number, OpeningHours>; approvers: Map<number, Actor>; reviewers: Map<number, Actor>
  heads: Map<number, Actor>; supervisor: Actor; bundles: HistoryBundle[]
}

export async function loadWorld(db: Db): Promise<World> {
  const users = await db.selectFrom('users as u').innerJoin('centers as c', 'c.id', 'u.center_id').leftJoin('windows as w', 'w.id', 'u.window_id')
    .select(['w.status as windowStatus', 'u.id', 'u.username', 'u.name', 'u.roles', 'u.center_id as centerId', 'u.window_id as windowId', 'u.department_id as departmentId', 'c.path', 'c.level', 'c.code'])
    .where('u.status', '=', 'active').orderBy('u.id').execute()
  const actor = (u: (typeof users)[number]): Actor => ({
    userId: u.id, username: u.username, name: u.name, roles: u.roles as Role[], centerId: u.centerId, centerPath: u.path, centerLevel: u.level, windowId: u.windowId,
  })
  const rows = await db.selectFrom('centers').select(['id', 'code', 'path', 'level', 'parent_id as parentId', 'founded_on as foundedOn']).where('status', '=', 'active').orderBy('code').execute()
  const items = await sql<HistoryItem & { centerId: number }>`
    select o.center_id as "centerId", i.id, v.handling_kind as kind, i.department_id as "departmentId", v.promised_days as "promisedDays", v.name,
      array(select m.id from item_materials m where m.version_id = v.id order by m.position) as materials,
      array(select m.name from item_materials m where m.version_id = v.id order by m.position) as "materialNames",
      array(select m.id from item_materials m where m.version_id = v.id and m.deferral_allowed order by m.position) as deferrable, v.deferral_days as "deferralDays"
    from item_offerings o join service_items i on i.id = o.item_id join item_versions v on v.item_id = i.id and v.status = 'published'
    where i.status = 'active' and 'person' = any(v.targets) order by o.center_id, i.id`.execute(db)
  const hours = await hoursOf(db, rows.map((c) => c.id))
  const centers = new Map<string, HistoryCenter>()
  const byId = new Map<number, HistoryCenter>()
  for (const c of rows) {
    const hc: HistoryCenter = {
      id: c.id, code: c.code, path: c.path, foundedOn: c.foundedOn, villages: [], hours: hours.get(c.id)!,
      approver: users.filter((u) => u.centerId === c.id && u.roles.includes('approver') && u.departmentId === null).map(actor)[0],
      clerks: users.filter((u) => u.centerId === c.id && u.roles.includes('clerk') && u.windowId !== null && u.windowStatus === 'open').map(actor),
      agents: users.filter((u) => u.centerId === c.id && u.roles.includes('agent')).map(actor),
      manager: users.filter((u) => u.centerId === c.id && u.roles.includes('manager')).map(actor)[0],
      items: items.rows.filter((i) => i.centerId === c.id),
    }
    centers.set(c.code, hc); byId.set(c.id, hc)
  }
  for (const c of rows) if (c.level === 'village' && c.parentId) byId.get(c.parentId)?.villages.push(byId.get(c.id)!)
  const approvers = new Map<number, Actor>(); const reviewers = new Map<number, Actor>()
  for (const u of users.filter((x) => x.roles.includes('approver') && x.departmentId !== null)) {
    if (!approvers.has(u.departmentId!)) approvers.set(u.departmentId!, actor(u))
    else if (!reviewers.has(u.departmentId!)) reviewers.set(u.departmentId!, actor(u))
  }
  const sup = users.find((u) => u.username === 'district.supervisor') ?? users.find((u) => u.roles.includes('admin'))!
  const heads = new Map(users.filter((u) => u.roles.includes('department_head') && u.departmentId !== null).map((u) => [u.departmentId!, actor(u)]))
  const bundles = await sql<HistoryBundle>`
    select b.id, b.center_id as "centerId", b.name, b.fields, array(select x.item_id from bundle_items x where x.bundle_id = b.id order by x.position) as "itemIds"
    from bundles b where b.status = 'active' order by b.id`.execute(db)
  return { centers, hours, approvers, reviewers, heads, supervisor: actor(sup), bundles: bundles.rows }
}
