// Checks the demo-district data against the facts of the district report and the domain rules.
// checkDemoData() returns the list of violated facts ([] when all hold).
import { hoursProblems } from '../../domain/hall-time.js'
import { HANDLING_KINDS } from '../../domain/vocabulary.js'
import type { DemoItem } from '../types.js'
import { centers } from './centers.js'
import { departments } from './departments.js'
import { windows } from './windows.js'
import { staff } from './staff.js'
import { districtItems, expectedDistrictItemCounts } from './items-district.js'
import { townItems, expectedTownItemCounts, expectedTownCategoryCounts } from './items-town.js'

const THEMES = ['社会保障', '社会救助', '婚育收养', '医疗卫生', '住房保障', '土地房产', '就业创业', '文化体育', '安全生产', '投资建设', '户籍证照', '农业农村']

const TOWN_WINDOW_NAMES: Record<string, string[]> = {
  T01: ['司法信访', '民政残联', '劳动保障', '财政查询', '计划生育'],
  T02: ['政务值班', '综合服务', '劳动保障', '土地城建', '计划生育', '民政扶贫', '综治维稳', '农业服务'],
  T03: ['民政', '城建', '综治信访', '农业', '新农保新医保'],
  T04: ['政务值班', '综治维稳', '计生', '财政', '新农合农保', '民政', '土地城建', '农业'],
  T05: ['综合受理', '民政社保', '农业服务'],
}
const TOWN_CLERKS: Record<string, number> = { T01: 5, T02: 8, T03: 8, T04: 10, T05: 3 }
const VILLAGES_PER_TOWN: Record<string, number> = { T01: 18, T02: 20, T03: 17, T04: 19, T05: 12 }
/** "about" counts of items offered at the other town centers: [min, max]. */
const TOWN_ITEM_RANGES: Record<string, [number, number]> = { T01: [27, 33], T03: [27, 33], T05: [10, 14] }

function dupes(xs: string[]): string[] {
  const seen = new Set<string>()
  const out = new Set<string>()
  for (const x of xs) (seen.has(x) ? out : seen).add(x)
  return [...out]
}

export function checkDemoData(): string[] {
  const errs: string[] = []
  const fail = (msg: string) => errs.push(msg)
  const centerCodes = new Set(centers.map((c) => c.code))
  const deptCodes = new Set(departments.map((d) => d.code))

  // ── centers
  for (const d of dupes(centers.map((c) => c.code))) fail(`duplicate center code ${d}`)
  const byLevel = (l: string) => centers.filter((c) => c.level === l)
  if (byLevel('district').length !== 1 || centers.find((c) => c.code === 'D01')?.name !== '区行政服务中心') fail('need exactly 1 district center D01 区行政服务中心')
  if (byLevel('town').length !== 5) fail(`town centers: ${byLevel('town').length}, expected 5`)
  if (byLevel('village').length !== 86) fail(`village rooms: ${byLevel('village').length}, expected 86`)
  for (const [t, n] of Object.entries(VILLAGES_PER_TOWN)) {
    const vs = centers.filter((c) => c.parentCode === t && c.level === 'village')
    if (vs.length !== n) fail(`${t} has ${vs.length} village rooms, expected ${n}`)
    for (const d of dupes(vs.map((v) => v.name))) fail(`${t}: duplicate village ${d}`)
  }
  for (const c of centers) {
    if (c.level !== 'district' && (!c.parentCode || !centerCodes.has(c.parentCode))) fail(`${c.code}: bad parent ${c.parentCode}`)
    if (!/^027-\d{8}$/.test(c.phone)) fail(`${c.code}: phone ${c.phone}`)
    if (!c.address) fail(`${c.code}: address missing`)
    for (const p of hoursProblems(c.hours)) fail(`${c.code}: hours ${p.message}`)
  }
  const remote = centers.filter((c) => c.level === 'town' && (c.note ?? '').includes('文化活动中心') && c.address.includes('文化活动中心'))
  if (remote.length !== 1) fail(`expected exactly one town center in a cultural-activity building, found ${remote.length}`)

  // ── departments
  for (const d of dupes(departments.map((x) => x.code))) fail(`duplicate department code ${d}`)
  const req = departments.filter((d) => d.centerCode === 'D01' && d.required)
  if (req.length !== 16) fail(`district required units: ${req.length}, expected 16`)
  const entered = req.filter((d) => d.enteredOn !== null)
  if (entered.length !== 9) fail(`district entered units: ${entered.length}, expected 9`)
  for (const d of entered) if (!/^2025-0[5-8]-\d\d$/.test(d.enteredOn ?? '')) fail(`${d.code}: enteredOn ${d.enteredOn} not in May–Aug 2025`)
  for (const d of departments) if (!centerCodes.has(d.centerCode)) fail(`${d.code}: unknown center ${d.centerCode}`)

  // ── windows
  for (const d of dupes(windows.map((w) => `${w.centerCode}#${w.number}`))) fail(`duplicate window ${d}`)
  const winsOf = (c: string) => windows.filter((w) => w.centerCode === c)
  if (winsOf('D01').length !== 9) fail(`district windows: ${winsOf('D01').length}, expected 9`)
  for (const d of entered) if (!winsOf('D01').some((w) => w.departmentCodes.includes(d.code))) fail(`${d.code} has no district window`)
  for (const [t, names] of Object.entries(TOWN_WINDOW_NAMES)) {
    const got = winsOf(t).map((w) => w.name)
    if (got.join('、') !== names.join('、')) fail(`${t} windows ${got.join('、')} ≠ ${names.join('、')}`)
  }
  for (const v of byLevel('village')) if (winsOf(v.code).length !== 1) fail(`${v.code}: expected 1 window`)
  for (const w of windows) {
    if (!centerCodes.has(w.centerCode)) fail(`window ${w.centerCode}#${w.number}: unknown center`)
    for (const d of w.departmentCodes) if (!deptCodes.has(d)) fail(`window ${w.centerCode}#${w.number}: unknown department ${d}`)
  }

  // ── staff
  for (const d of dupes(staff.map((s) => s.username))) fail(`duplicate username ${d}`)
  for (const s of staff) {
    if (!/^[a-z0-9.]+$/.test(s.username)) fail(`username ${s.username} not lower-case ascii`)
    if (!centerCodes.has(s.centerCode)) fail(`${s.username}: unknown center`)
    if (!/^1[358]\d{9}$/.test(s.phone)) fail(`${s.username}: phone ${s.phone}`)
    if (s.windowNumber && !windows.some((w) => w.centerCode === s.centerCode && w.number === s.windowNumber)) fail(`${s.username}: no window ${s.windowNumber}`)
    for (const n of s.standInFor ?? []) {
      if (!windows.some((w) => w.centerCode === s.centerCode && w.number === n)) fail(`${s.username}: stand-in for unknown window ${n}`)
      if (s.windowNumber === n) fail(`${s.username}: stand-in for own window ${n}`)
    }
  }
  for (const c of centers) for (const d of dupes(staff.filter((s) => s.centerCode === c.code).map((s) => s.name))) fail(`${c.code}: duplicate staff name ${d}`)
  const withRole = (c: string, r: string) => staff.filter((s) => s.centerCode === c && s.roles.includes(r as never))
  if (withRole('D01', 'clerk').length !== 8) fail(`district clerks: ${withRole('D01', 'clerk').length}, expected 8`)
  if (withRole('D01', 'manager').length !== 2) fail(`district managers: ${withRole('D01', 'manager').length}, expected 2`)
  if (!staff.some((s) => s.username === 'admin' && s.roles.includes('admin'))) fail('no admin')
  // two approvers per entered department: 承办/决定 and 审核 are separate people (separation of duties)
  const approvers = withRole('D01', 'approver')
  if (approvers.length !== 18) fail(`district approvers: ${approvers.length}, expected 18 (two per department)`)
  for (const code of new Set(approvers.map((s) => s.departmentCode))) {
    if (approvers.filter((s) => s.departmentCode === code).length !== 2) fail(`${code}: needs two approvers`)
  }
  for (const [t, n] of Object.entries(TOWN_CLERKS)) {
    if (withRole(t, 'clerk').length !== n) fail(`${t} clerks: ${withRole(t, 'clerk').length}, expected ${n}`)
    if (withRole(t, 'manager').length !== 1 || withRole(t, 'approver').length !== 1) fail(`${t}: needs one manager and one approver`)
  }
  for (const v of byLevel('village')) {
    const a = withRole(v.code, 'agent')
    if (a.length !== 1 || a[0].username !== `agent.${v.code.toLowerCase()}`) fail(`${v.code}: needs agent.${v.code.toLowerCase()}`)
  }
  // AB岗: every district and town window has a stand-in other than the clerks sitting at it.
  // (A village room has a single agent, so its window has no stand-in.)
  for (const w of windows.filter((x) => !x.centerCode.includes('V'))) {
    const ok = staff.some((s) => s.centerCode === w.centerCode && (s.standInFor ?? []).includes(w.number) && s.windowNumber !== w.number)
    if (!ok) fail(`window ${w.centerCode}#${w.number} has no stand-in`)
  }

  // ── items
  const all: DemoItem[] = [...districtItems, ...townItems]
  for (const d of dupes(all.map((i) => i.code))) fail(`duplicate item code ${d}`)
  if (districtItems.length !== 63) fail(`district items: ${districtItems.length}, expected 63`)
  for (const [d, n] of Object.entries(expectedDistrictItemCounts)) {
    const got = districtItems.filter((i) => i.departmentCode === d).length
    if (got !== n) fail(`${d}: ${got} items, expected ${n}`)
  }
  for (const d of dupes(districtItems.map((i) => i.basicCode))) fail(`district items share basicCode ${d}`)
  const kinds = new Set(all.map((i) => i.handlingKind))
  for (const k of HANDLING_KINDS) if (!kinds.has(k)) fail(`no item with handlingKind ${k}`)
  const basicByName = new Map<string, string>()
  for (const i of all) {
    const id = `${i.name} (${i.code})`
    if (!deptCodes.has(i.departmentCode)) fail(`${id}: unknown department`)
    if (i.promisedDays > i.legalDays) fail(`${id}: promisedDays > legalDays`)
    if (i.promisedDays < 0 || i.legalDays < 0) fail(`${id}: negative days`)
    if (i.handlingKind === 'immediate' && i.promisedDays !== 0) fail(`${id}: immediate item with promisedDays ${i.promisedDays}`)
    if (i.materials.length === 0) fail(`${id}: no materials`)
    if (i.materials.length > 7) fail(`${id}: more than 7 materials`)
    if (districtItems.includes(i) && i.materials.length < 3) fail(`${id}: fewer than 3 materials`)
    for (const m of i.materials) if (!m.name || m.copies < 1) fail(`${id}: bad material ${m.name}`)
    if (i.procedure.length === 0 || !i.result || !i.legalBasis || !i.conditions) fail(`${id}: missing procedure/result/basis/conditions`)
    if (!THEMES.includes(i.theme)) fail(`${id}: theme ${i.theme}`)
    if (i.fees.charged && (!i.fees.amount || !i.fees.basis)) fail(`${id}: charged without amount/basis`)
    for (const c of i.offeredAt) if (!centerCodes.has(c)) fail(`${id}: offered at unknown center ${c}`)
    for (const d of dupes(i.offeredAt)) fail(`${id}: offeredAt repeats ${d}`)
    for (const [c, ns] of Object.entries(i.windowNumbers ?? {})) {
      for (const n of ns) if (!windows.some((w) => w.centerCode === c && w.number === n)) fail(`${id}: unknown window ${c}#${n}`)
    }
    if (i.acceptLevel === 'village' && !i.offeredAt.some((c) => c.includes('V'))) fail(`${id}: village item not offered at any village`)
    if (i.acceptLevel !== 'village' && i.offeredAt.some((c) => c.includes('V'))) fail(`${id}: offered at a village but accepted at ${i.acceptLevel}`)
    if (i.handlingKind === 'forward' && i.acceptLevel === i.decideLevel) fail(`${id}: forward item accepted and decided at the same level`)
    const b = basicByName.get(i.name)
    if (b !== undefined && b !== i.basicCode) fail(`${id}: same item name with another basicCode`)
    basicByName.set(i.name, i.basicCode)
  }
  for (const i of districtItems) {
    const id = `${i.name} (${i.code})`
    if (!i.offeredAt.includes('D01')) fail(`${id}: not offered at D01`)
    if (i.decideLevel !== 'district') fail(`${id}: district item not decided at district`)
    if (i.acceptLevel === 'town' && !i.offeredAt.some((c) => /^T0\d$/.test(c))) fail(`${id}: town-accepted item not offered at any town`)
    if (i.acceptLevel === 'village' && i.offeredAt.length !== 1 + 5 + 86) fail(`${id}: village item must be offered at D01, all towns and all villages`)
  }
  for (const i of townItems) {
    const id = `${i.name} (${i.code})`
    const dept = departments.find((d) => d.code === i.departmentCode)
    if (i.decideLevel !== 'town') fail(`${id}: town item not decided at town`)
    if (!dept || !i.offeredAt.includes(dept.centerCode)) fail(`${id}: not offered at its own town center`)
    if (i.offeredAt.includes('D01')) fail(`${id}: town item offered at the district center`)
  }
  const offeredAtTown = (t: string) => all.filter((i) => i.offeredAt.includes(t))
  for (const [t, n] of Object.entries(expectedTownItemCounts)) {
    const got = offeredAtTown(t).length
    if (got !== n) fail(`${t}: ${got} items offered, expected ${n}`)
  }
  for (const [t, n] of Object.entries(expectedTownCategoryCounts)) {
    const got = new Set(offeredAtTown(t).map((i) => i.category)).size
    if (got !== n) fail(`${t}: ${got} item categories, expected ${n}`)
  }
  for (const [t, [lo, hi]] of Object.entries(TOWN_ITEM_RANGES)) {
    const got = offeredAtTown(t).length
    if (got < lo || got > hi) fail(`${t}: ${got} items offered, expected about ${(lo + hi) / 2}`)
  }
  return errs
}
