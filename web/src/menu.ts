// Which pages each role sees in the /app menu. A user with several roles sees the union, in menu order.
// What a page lets the user *do* follows the server's permission table (src/domain/jurisdiction.ts).
import { can, type Permission } from '../../src/domain/jurisdiction.js'
import type { Role } from '../../src/domain/vocabulary.js'
import type { MessageKey } from './i18n'

export type MenuKey =
  | 'workbench' | 'centers' | 'departments' | 'windows' | 'users' | 'items' | 'itemSearch' | 'guide' | 'board' | 'tokens'
  | 'intake' | 'cases' | 'inbox' | 'extensions' | 'bundles'
  | 'agency' | 'proxies' | 'flow' | 'messages'
  | 'supervision' | 'followups' | 'report' | 'statistics' | 'exchange'
  | 'hallWindow' | 'hallSetup'
  | 'security' | 'calendar'

export const MENU_ENTRIES: Record<MenuKey, { path: string; label: MessageKey }> = {
  workbench: { path: '/app', label: 'menu.workbench' },
  centers: { path: '/app/centers', label: 'menu.centers' },
  departments: { path: '/app/departments', label: 'menu.departments' },
  windows: { path: '/app/windows', label: 'menu.windows' },
  users: { path: '/app/users', label: 'menu.users' },
  items: { path: '/app/items', label: 'menu.items' },
  itemSearch: { path: '/app/items', label: 'menu.itemSearch' },
  guide: { path: '/app/guide', label: 'menu.guide' },
  board: { path: '/app/board', label: 'menu.board' },
  tokens: { path: '/app/tokens', label: 'menu.tokens' },
  intake: { path: '/app/intake', label: 'menu.intake' },
  bundles: { path: '/app/bundles', label: 'menu.bundles' },
  cases: { path: '/app/cases', label: 'menu.cases' },
  inbox: { path: '/app/inbox', label: 'menu.inbox' },
  extensions: { path: '/app/extensions', label: 'menu.extensions' },
  agency: { path: '/app/agency', label: 'menu.agency' },
  proxies: { path: '/app/proxies', label: 'menu.proxies' },
  flow: { path: '/app/levels', label: 'menu.flow' },
  messages: { path: '/app/messages', label: 'menu.messages' },
  supervision: { path: '/app/supervision', label: 'menu.supervision' },
  followups: { path: '/app/followups', label: 'menu.followups' },
  report: { path: '/app/report', label: 'menu.report' },
  statistics: { path: '/app/statistics', label: 'menu.statistics' },
  exchange: { path: '/app/exchange', label: 'menu.exchange' },
  hallWindow: { path: '/app/hall/window', label: 'menu.hallWindow' },
  hallSetup: { path: '/app/hall/setup', label: 'menu.hallSetup' },
  security: { path: '/app/security', label: 'menu.security' },
  calendar: { path: '/app/calendar', label: 'menu.calendar' },
}

const ADMIN_MENU: MenuKey[] = ['workbench', 'centers', 'departments', 'windows', 'users', 'items', 'bundles', 'board', 'tokens', 'supervision', 'followups', 'report',
  'statistics', 'exchange', 'hallWindow', 'hallSetup', 'security']

export const MENU_BY_ROLE: Record<Role, MenuKey[]> = {
  admin: [...ADMIN_MENU, 'cases', 'messages', 'calendar'],
  manager: [...ADMIN_MENU, 'cases', 'flow', 'proxies', 'messages'],
  clerk: ['workbench', 'guide', 'itemSearch', 'intake', 'cases', 'flow', 'proxies', 'messages', 'hallWindow'],
  approver: ['workbench', 'itemSearch', 'inbox', 'cases', 'flow'],
  agent: ['workbench', 'itemSearch', 'cases', 'agency', 'proxies'],
  supervisor: ['workbench', 'board', 'cases', 'supervision', 'followups', 'report', 'statistics', 'exchange', 'messages', 'security'],
  department_head: ['workbench', 'itemSearch', 'inbox', 'cases', 'extensions'],
}

const ORDER: MenuKey[] = ['workbench', 'hallWindow', 'agency', 'proxies', 'flow', 'intake', 'inbox', 'cases', 'extensions', 'centers', 'departments', 'windows', 'users', 'items', 'bundles',
  'itemSearch', 'guide', 'board', 'hallSetup', 'tokens', 'supervision', 'followups', 'report', 'statistics', 'exchange', 'messages', 'security', 'calendar']

export function menuFor(roles: readonly Role[]): MenuKey[] {
  const keys = new Set(roles.flatMap((r) => MENU_BY_ROLE[r] ?? []))
  // 事项管理 and 事项查询 open the same page; show one entry.
  if (keys.has('items')) keys.delete('itemSearch')
  return ORDER.filter((k) => keys.has(k))
}

function holds(key: MenuKey, pathname: string): boolean {
  const p = MENU_ENTRIES[key].path
  return p === '/app' ? pathname === '/app' || pathname === '/app/' : pathname === p || pathname.startsWith(p + '/')
}

/** Menu key whose page holds `pathname` (longest path prefix wins). */
export function selectedMenuKey(pathname: string, keys: MenuKey[]): MenuKey | undefined {
  let best: MenuKey | undefined
  for (const k of keys) {
    if (holds(k, pathname) && (!best || MENU_ENTRIES[k].path.length > MENU_ENTRIES[best].path.length)) best = k
  }
  return best
}

/** A page behind a menu entry opens only for users whose menu has that entry. */
export function pageAllowed(pathname: string, keys: MenuKey[]): boolean {
  const owners = (Object.keys(MENU_ENTRIES) as MenuKey[]).filter((k) => holds(k, pathname))
  return owners.length === 0 || owners.some((k) => keys.includes(k))
}

export function allowed(roles: readonly Role[], permission: Permission): boolean {
  return can(roles, permission)
}
