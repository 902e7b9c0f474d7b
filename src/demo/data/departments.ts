// Departments: the 16 district units that must enter the district center (应进必进, 9 entered),
// and the town offices that staff the town centers' windows.
import type { DemoDepartment } from '../types.js'
import { creditCode } from './helpers.js'
import { TOWN_OFFICES, towns, townNo, officeCode, type OfficeKey } from './towns.js'

/** [code, name, shortName, enteredOn, phone suffix] */
const DISTRICT_UNITS: [string, string, string, string | null, string][] = [
  ['D-JG', '区经改局', '经改', '2025-05-12', '2101'],
  ['D-RS', '区人社局', '人社', '2025-05-12', '2102'],
  ['D-GT', '区国土分局', '国土', '2025-05-20', '2103'],
  ['D-MZ', '区民政局', '民政', '2025-05-12', '2104'],
  ['D-JS', '区人口计生局', '计生', '2025-05-20', '2105'],
  ['D-WS', '区卫生局', '卫生', '2025-06-03', '2106'],
  ['D-ZJ', '区住建交通局', '住建交通', '2025-06-16', '2107'],
  ['D-WT', '区文体局', '文体', '2025-07-01', '2108'],
  ['D-AJ', '区安监局', '安监', '2025-08-05', '2109'],
  // required but not entered yet
  ['D-GA', '区公安分局', '公安', null, '2110'],
  ['D-GS', '区工商分局', '工商', null, '2111'],
  ['D-ZL', '区质监局', '质监', null, '2112'],
  ['D-SW', '区税务局', '税务', null, '2113'],
  ['D-HB', '区环保局', '环保', null, '2114'],
  ['D-NY', '区农业局', '农业', null, '2115'],
  ['D-SL', '区水务局', '水务', null, '2116'],
]

const districtDepartments: DemoDepartment[] = DISTRICT_UNITS.map(([code, name, shortName, enteredOn, ph]) => ({
  code, name, shortName, centerCode: 'D01', required: true, enteredOn, phone: `027-8665${ph}`,
}))

/** Each town's offices: those its center's windows serve, in window order. */
function townDepartments(t: (typeof towns)[number]): DemoDepartment[] {
  const keys: OfficeKey[] = []
  for (const w of t.windows) for (const k of w.offices) if (!keys.includes(k)) keys.push(k)
  return keys.map((k, i) => ({
    code: officeCode(t.code, k),
    name: `${t.town}${TOWN_OFFICES[k][0]}`,
    shortName: TOWN_OFFICES[k][1],
    centerCode: t.code,
    required: true,
    enteredOn: t.enteredOn,
    phone: `027-867${townNo(t.code)}24${String(i + 1).padStart(2, '0')}`,
  }))
}

export const departments: DemoDepartment[] = [...districtDepartments, ...towns.flatMap(townDepartments)]

/** 统一社会信用代码 of every department (used to build 实施编码). */
export const deptCreditCodes: Record<string, string> = Object.fromEntries(
  departments.map((d, i) => [d.code, creditCode(1000 + i * 37)]),
)

export function department(code: string): DemoDepartment {
  const d = departments.find((x) => x.code === code)
  if (!d) throw new Error(`unknown department ${code}`)
  return d
}
