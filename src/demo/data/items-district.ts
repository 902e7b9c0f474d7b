// The 63 administrative approval items of the 9 units that entered the district center:
// 经改局 5 · 人社局 10 · 国土分局 8 · 民政局 11 · 人口计生局 1 · 卫生局 4 · 住建交通 5 · 文体局 15 · 安监局 4.
import type { DemoItem } from '../types.js'
import type { CenterLevel, HandlingKind } from '../../domain/vocabulary.js'
import { basicCode } from './helpers.js'
import { FREE, type Unit } from './district-common.js'
import { AJ, GT, JG, WT, ZJ } from './district-units-economy.js'
import { JS, MZ, RS, WS } from './district-units-people.js'
import { townCodes, villageCodes } from './centers.js'
import { department, deptCreditCodes } from './departments.js'
import { DISTRICT_WINDOW } from './windows.js'
import { townWindowFor, type OfficeKey } from './towns.js'

const COMPLAINT_PHONE = '027-86651012'
function defaultProcedure(hk: HandlingKind, accept: CenterLevel): string[] {
  if (accept === 'village') {
    return ['村便民服务室代办受理', '镇便民服务中心初审', '次日上报区级部门', '审核', '审批决定', '送达（可在村便民服务室领取）']
  }
  const up = accept === 'town' ? ['镇便民服务中心受理并初审', '次日上报区级部门'] : ['申请', '受理']
  switch (hk) {
    case 'immediate': return ['申请', '受理', '审查', '当场办结', '送达']
    case 'promised': return ['申请', '受理', '审查', '决定', '送达']
    case 'joint': return ['申请', '牵头部门受理', '相关部门并联审查', '决定', '送达']
    case 'forward': return [...up, '审核', '审批决定', '送达']
    case 'controlled': return [...up, '审查（指标与布局控制）', '决定（不予许可的出具书面答复）', '送达']
  }
}

function build(u: Unit): DemoItem[] {
  const dept = department(u.dept)
  return u.items.map((s, i) => {
    const accept = s.accept ?? 'district'
    const offeredTowns = accept === 'village' ? townCodes : accept === 'town' ? (s.towns ?? []) : []
    const offeredAt = ['D01', ...offeredTowns, ...(accept === 'village' ? villageCodes() : [])]
    const windowNumbers: Record<string, string[]> = { D01: [DISTRICT_WINDOW[u.dept]] }
    for (const t of offeredTowns) {
      const w = u.office ? townWindowFor(t, u.office) : undefined
      if (w) windowNumbers[t] = [w]
    }
    const bc = basicCode(s.type, u.domain, i + 1)
    return {
      code: deptCreditCodes[u.dept] + bc,
      basicCode: bc,
      name: s.name,
      itemType: s.type,
      departmentCode: u.dept,
      implementingBody: dept.name,
      legalBasis: s.basis,
      targets: [...(s.targets ?? ['person'])],
      handlingKind: s.hk,
      legalDays: s.days[0],
      promisedDays: s.days[1],
      ...(s.unit ? { daysUnit: s.unit } : {}),
      acceptLevel: accept,
      decideLevel: 'district',
      conditions: s.cond,
      materials: s.mats,
      procedure: s.proc ?? defaultProcedure(s.hk, accept),
      fees: { ...(s.fee ?? FREE) },
      result: s.result,
      visits: s.visits ?? 1,
      consultPhone: dept.phone,
      complaintPhone: COMPLAINT_PHONE,
      specialProcedures: [...(s.sp ?? [])],
      theme: s.theme ?? u.theme,
      category: u.category,
      offeredAt,
      windowNumbers,
    }
  })
}

export const districtItems: DemoItem[] = [JG, RS, GT, MZ, JS, WS, ZJ, WT, AJ].flatMap(build)

/** The report's per-unit counts (checked by check.ts). */
export const expectedDistrictItemCounts: Record<string, number> = {
  'D-JG': 5, 'D-RS': 10, 'D-GT': 8, 'D-MZ': 11, 'D-JS': 1, 'D-WS': 4, 'D-ZJ': 5, 'D-WT': 15, 'D-AJ': 4,
}
