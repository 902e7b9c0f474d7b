// What the town item templates are made of: the template shape and the materials most of them ask for.
import type { DemoMaterial } from '../types.js'
import type { HandlingKind, ItemType, ServiceTarget, SpecialProcedure } from '../../domain/vocabulary.js'
import { C } from './helpers.js'
import type { OfficeKey } from './towns.js'

export interface Tpl {
  key: string
  off: OfficeKey
  name: string
  type: ItemType
  hk: HandlingKind
  days: [legal: number, promised: number]
  accept?: 'town' | 'village'   // default 'town'; 'village' items are accepted by the village agents
  basis: string
  cond: string
  mats: DemoMaterial[]
  result: string
  targets?: ServiceTarget[]
  proc?: string[]
  sp?: SpecialProcedure[]
  visits?: number
  theme?: string
}

export const ID = C('申请人居民身份证')
export const HUKOU = C('户口簿')
export const BANK = C('“一卡通”存折或社会保障卡')
export const FREE = { charged: false } as const
