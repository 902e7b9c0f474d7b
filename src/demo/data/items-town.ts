// Items implemented by the town offices (decided at town level). Each town takes a selection
// of the shared templates below; the same template in two towns shares its 基本编码 and gets
// a different 实施编码 (the town office's credit code). Counts of items offered at each town
// center (town items + district items offered there) are fixed by the district report:
// 梁子镇 58, 涂家垴镇 35 in 11 categories; see expectedTownItemCounts and check.ts.
import type { DemoItem } from '../types.js'
import { basicCode } from './helpers.js'
import { LAND_TEMPLATES } from './town-templates-land.js'
import { PEOPLE_TEMPLATES } from './town-templates-people.js'
import { FREE, type Tpl } from './town-templates-common.js'
import { centers, villageCodes } from './centers.js'
import { department, deptCreditCodes } from './departments.js'
import { officeCode, townWindowFor, type OfficeKey } from './towns.js'

/** Category (the town center's item category) and default theme of each office's items. */
const OFFICE_META: Record<OfficeKey, [category: string, theme: string]> = {
  DZB: ['政务服务类', '户籍证照'],
  MZ: ['民政服务类', '社会救助'],
  CL: ['民政服务类', '社会救助'],
  LB: ['社会保障类', '社会保障'],
  YB: ['医疗保障类', '医疗卫生'],
  JS: ['计划生育类', '婚育收养'],
  CZ: ['财政服务类', '农业农村'],
  GT: ['国土资源类', '土地房产'],
  CJ: ['城乡建设类', '住房保障'],
  NY: ['农业服务类', '农业农村'],
  FP: ['扶贫开发类', '社会救助'],
  ZZ: ['综治维稳类', '安全生产'],
  XF: ['综治维稳类', '社会救助'],
  SF: ['司法服务类', '社会救助'],
}

const T: Tpl[] = [...PEOPLE_TEMPLATES, ...LAND_TEMPLATES]

/** Which templates each town offers (the rest of each town's count comes from district items). */
const SELECTION: Record<string, string[]> = {
  // 东沟镇 21 (+9 district = 30): 司法信访, 民政残联, 劳动保障, 财政查询, 计划生育
  T01: ['tjsq', 'flyz', 'flzx', 'xfsl', 'lfdj', 'wbgy', 'knjz', 'yfbz', 'ywby', 'bzbz', 'ydzz', 'cjz', 'cjjy',
    'zgrz', 'qzdj', 'qxts', 'ykcx', 'dlbt', 'jszm', 'gryz', 'jlfz'],
  // 梁子镇 45 (+13 district = 58): every template but these 14
  T02: T.map((t) => t.key).filter((k) => !['jzzm', 'gebz', 'fjsp', 'jfdc', 'zzba', 'hyzm', 'yjjc', 'ykbg', 'dzzh',
    'lsjs', 'dwjy', 'lqcs', 'cbzbg', 'lfdj'].includes(k)),
  // 沼山镇 20 (+10 district = 30)
  T03: ['wbgy', 'knjz', 'yfbz', 'zhjz', 'cjz', 'njcs', 'wfgz', 'tdjf', 'mdtc', 'zajb', 'tjsq', 'xfsl', 'njbt',
    'lzba', 'lmcf', 'cbjf', 'zgrz', 'qzdj', 'xnhcb', 'xnhbx'],
  // 涂家垴镇 24 (+11 district = 35, in 11 categories)
  T04: ['jtzm', 'xxgk', 'mdtc', 'zajb', 'xfsl', 'tjsq', 'flzx', 'jszm', 'jlfz', 'tbfz', 'ykcx', 'dlbt', 'xnhcb',
    'xnhbx', 'zgrz', 'wbgy', 'knjz', 'cjz', 'tdjf', 'njcs', 'wfgz', 'njbt', 'lzba', 'lmcf'],
  // 长岭镇 8 (+4 district = 12): few items, the center is remote and cramped
  T05: ['jtzm', 'jzzm', 'tjsq', 'ydzz', 'bzbz', 'zgrz', 'xnhcb', 'mdtc'],
}

/** 沼山镇's rule: what needs review is approved within three days. */
const PROMISE_CAP: Record<string, number> = { T03: 3 }

function defaultProcedure(t: Tpl): string[] {
  if (t.accept === 'village') {
    return t.sp?.includes('public_notice')
      ? ['村便民服务室代办受理', '村民委员会评议并公示', '镇便民服务中心审核', '决定', '送达（可在村便民服务室领取）']
      : ['村便民服务室代办受理', '镇便民服务中心审核', '决定', '送达（可在村便民服务室领取）']
  }
  switch (t.hk) {
    case 'immediate': return ['申请', '窗口受理', '当场办理', '办结']
    case 'promised': return ['申请', '窗口受理', '审核', '镇分管领导审批', '办结送达']
    case 'joint': return ['申请', '窗口受理', '相关站所联合审查', '镇分管领导审批', '办结送达']
    case 'forward': return ['申请', '窗口受理', '审核', '决定', '送达']
    case 'controlled': return ['申请', '窗口受理', '审查（限额控制）', '决定（超出限额的出具书面答复）', '送达']
  }
}

function townItem(town: string, t: Tpl, tplIndex: number): DemoItem {
  const deptCode = officeCode(town, t.off)
  const dept = department(deptCode)
  const center = centers.find((c) => c.code === town)
  const [category, theme] = OFFICE_META[t.off]
  const accept = t.accept ?? 'town'
  const window = townWindowFor(town, t.off)
  const bc = basicCode(t.type, `3${String(tplIndex + 1).padStart(2, '0')}`, 1)
  const cap = PROMISE_CAP[town]
  const promised = t.hk === 'promised' && cap !== undefined ? Math.min(t.days[1], cap) : t.days[1]
  return {
    code: deptCreditCodes[deptCode] + bc,
    basicCode: bc,
    name: t.name,
    itemType: t.type,
    departmentCode: deptCode,
    implementingBody: dept.name,
    legalBasis: t.basis,
    targets: [...(t.targets ?? ['person'])],
    handlingKind: t.hk,
    legalDays: t.days[0],
    promisedDays: promised,
    acceptLevel: accept,
    decideLevel: 'town',
    conditions: t.cond,
    materials: t.mats.map((m) => ({ ...m })),
    procedure: [...(t.proc ?? defaultProcedure(t))],
    fees: { ...FREE },
    result: t.result,
    visits: t.visits ?? 1,
    consultPhone: dept.phone,
    complaintPhone: center?.phone ?? '',
    specialProcedures: [...(t.sp ?? [])],
    theme: t.theme ?? theme,
    category,
    offeredAt: [town, ...(accept === 'village' ? villageCodes(town) : [])],
    windowNumbers: window ? { [town]: [window] } : {},
  }
}

export const townItems: DemoItem[] = Object.entries(SELECTION).flatMap(([town, keys]) =>
  keys.map((k) => {
    const i = T.findIndex((t) => t.key === k)
    if (i < 0) throw new Error(`unknown town item template ${k}`)
    return townItem(town, T[i], i)
  }),
)

/** Items offered at these town centers, per the district report (town items + district items offered there). */
export const expectedTownItemCounts = { T02: 58, T04: 35 } as const

/** 涂家垴镇: "35 service items in 11 categories". */
export const expectedTownCategoryCounts = { T04: 11 } as const
