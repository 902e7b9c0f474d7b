// Jurisdiction: a user acts on their own center and the centers below it, never a sibling's or a parent's.
// Centers carry a materialized path of ids from the district down ('/1/3/17/').
import { errors } from './errors.js'
import type { Role } from './vocabulary.js'

export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`
}

/** True when `targetPath` is the scope's own center or lies below it. */
export function covers(scopePath: string, targetPath: string): boolean {
  return targetPath.startsWith(scopePath)
}

export interface Actor {
  userId: number
  username: string
  name: string
  roles: Role[]
  centerId: number
  centerPath: string
  centerLevel: string
  windowId: number | null
  /** The staff member's department, when the session read it (lists use it; a decision reads it afresh in its transaction). */
  departmentId?: number | null
}

export function assertCovers(actor: Pick<Actor, 'centerPath'>, targetPath: string): void {
  if (!covers(actor.centerPath, targetPath)) throw errors.outsideJurisdiction()
}

/** Who may do what; routes and the web menu read the same table. */
export const PERMISSIONS = {
  'network.read': ['admin', 'manager', 'supervisor', 'clerk', 'approver', 'agent', 'department_head'],
  'network.manage': ['admin', 'manager'],
  'users.manage': ['admin', 'manager'],
  'catalog.read': ['admin', 'manager', 'supervisor', 'clerk', 'approver', 'agent', 'department_head'],
  'catalog.edit': ['admin', 'manager'],
  'catalog.publish': ['admin', 'manager'],
  'board.read': ['admin', 'manager', 'supervisor'],
  'tokens.manage': ['admin', 'manager', 'supervisor', 'clerk', 'approver', 'agent', 'department_head'],
  'calendar.manage': ['admin'],
  'reports.read': ['admin', 'manager', 'supervisor'],
  'supervision.read': ['admin', 'manager', 'supervisor'],
  'supervision.notify': ['supervisor'],
  'supervision.settings': ['admin', 'manager'],
  'ratings.followup': ['manager'],
  'ratings.review': ['supervisor'],
  'hall.call': ['admin', 'manager', 'clerk'],
  'hall.manage': ['admin', 'manager'],
  'hall.stats': ['admin', 'manager', 'supervisor'],
  'security.manage': ['admin'],
  'security.audit': ['admin', 'manager', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission]
  return roles.some((r) => allowed.includes(r))
}

export function assertCan(actor: Pick<Actor, 'roles'>, permission: Permission): void {
  if (!can(actor.roles, permission)) throw errors.forbidden(`当前角色无权执行此操作 (${permission})`)
}
