// The demo district's service network: 1 district center, 5 town centers, 86 village rooms.
import type { DemoCenter } from '../types.js'
import { towns, townNo, villageCode } from './towns.js'

// Opening hours on working days (the one source: hall_settings, written at load; 大厅设置 edits them).
const TOWN_HOURS = { opens: '08:30', lunchStarts: '12:00', lunchEnds: '14:30', closes: '17:30' }
const VILLAGE_HOURS = { opens: '08:30', lunchStarts: '11:30', lunchEnds: '14:30', closes: '17:00' }

const district: DemoCenter = {
  code: 'D01',
  name: '区行政服务中心',
  level: 'district',
  parentCode: null,
  address: '区府大道188号区政务服务大楼一至二楼',
  phone: '027-86651000',
  hours: { opens: '08:30', lunchStarts: '12:00', lunchEnds: '14:00', closes: '17:30' },
  foundedOn: '2025-05-12', // the first units entered that day (departments.ts)
  note: '5月成立；坚持“应进必进”，区直16家行政审批单位均须进驻设窗口',
}

function townCenter(t: (typeof towns)[number]): DemoCenter {
  const c: DemoCenter = {
    code: t.code,
    name: `${t.town}便民服务中心`,
    level: 'town',
    parentCode: 'D01',
    address: t.address,
    phone: `027-867${townNo(t.code)}2301`,
    hours: TOWN_HOURS,
  }
  if (t.note) c.note = t.note
  return c
}

function villageRooms(t: (typeof towns)[number]): DemoCenter[] {
  return t.villages.map((v, i) => ({
    code: villageCode(t.code, i + 1),
    name: `${v}村便民服务室`,
    level: 'village' as const,
    parentCode: t.code,
    address: `${t.town}${v}村村民委员会一楼`,
    phone: `027-867${townNo(t.code)}${String(5100 + (i + 1) * 3).padStart(4, '0')}`,
    hours: VILLAGE_HOURS,
  }))
}

export const centers: DemoCenter[] = [
  district,
  ...towns.map(townCenter),
  ...towns.flatMap(villageRooms),
]

/** Codes of all village rooms, optionally of one town only. */
export function villageCodes(townCode?: string): string[] {
  return centers
    .filter((c) => c.level === 'village' && (townCode === undefined || c.parentCode === townCode))
    .map((c) => c.code)
}

/** Codes of the five town centers. */
export const townCodes: string[] = towns.map((t) => t.code)
