// What the district unit item lists are made of: the shapes and the materials and fees several units share.
import type { DemoItem, DemoMaterial } from '../types.js'
import type { CenterLevel, HandlingKind, ItemType, ServiceTarget, SpecialProcedure } from '../../domain/vocabulary.js'
import { C } from './helpers.js'
import type { OfficeKey } from './towns.js'

export interface Spec {
  name: string
  type: ItemType
  hk: HandlingKind
  days: [legal: number, promised: number]
  unit?: 'calendar'            // the legal basis counts 日 (calendar days); default working days
  basis: string
  cond: string
  mats: DemoMaterial[]
  result: string
  targets?: ServiceTarget[]    // default ['person']
  accept?: CenterLevel         // default 'district'
  towns?: string[]             // accept 'town': the town centers that accept it
  proc?: string[]
  fee?: DemoItem['fees']
  visits?: number              // default 1
  sp?: SpecialProcedure[]
  theme?: string
}

export interface Unit {
  dept: string
  domain: string               // 3-digit domain inside 基本编码
  theme: string
  category: string
  office?: OfficeKey           // the town office whose window takes the unit's items in a town center
  items: Spec[]
}

export const FREE = { charged: false } as const
export const ORG: ServiceTarget[] = ['organization']
export const BOTH: ServiceTarget[] = ['person', 'organization']
export const T1_4 = ['T01', 'T02', 'T03', 'T04']

/** 不动产登记费 (发改价格规〔2016〕2559号). */
export const REAL_ESTATE_FEE = {
  charged: true,
  amount: '住宅类每件80元，非住宅类每件550元；每增加一本证书加收工本费10元',
  basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
}

export const LICENSE = () => C('营业执照（或统一社会信用代码证书）')
export const REP_ID = () => C('法定代表人（负责人）居民身份证')
