// The five towns of the demo district: names, usernames' pinyin, their villages, and the
// windows of each town center (window names exactly as in the district report) with the
// town offices each window serves. centers.ts, departments.ts, windows.ts and staff.ts build on this.
import type { WindowStatus } from '../../domain/vocabulary.js'

/** Town office kinds: key -> [name suffix after the town name, shortName]. */
export const TOWN_OFFICES = {
  DZB: ['党政办', '党政办'],
  MZ: ['民政办', '民政'],
  CL: ['残联', '残联'],
  LB: ['劳动保障事务所', '劳动保障'],
  YB: ['合作医疗管理办公室', '新农合'],
  JS: ['计生办', '计生'],
  CZ: ['财政所', '财政'],
  GT: ['国土资源所', '国土'],
  CJ: ['城建办', '城建'],
  NY: ['农业服务中心', '农业'],
  FP: ['扶贫办', '扶贫'],
  ZZ: ['综治办', '综治'],
  SF: ['司法所', '司法'],
  XF: ['信访办', '信访'],
} as const
export type OfficeKey = keyof typeof TOWN_OFFICES

export interface TownWindowDef {
  name: string
  offices: OfficeKey[]
  status?: WindowStatus
}

export interface TownDef {
  code: string          // 'T01'
  town: string          // '东沟镇'
  pinyin: string        // username prefix
  address: string
  note?: string
  enteredOn: string     // when the town offices entered the town center
  villages: string[]    // village names without the '村' suffix, in code order
  windows: TownWindowDef[]
  clerks: number        // window staff (report)
  supervisor: boolean
}

export const towns: TownDef[] = [
  {
    code: 'T01', town: '东沟镇', pinyin: 'donggou',
    address: '东沟镇东沟大道28号镇人民政府一楼',
    note: '推行“一站式办公，一站式服务”，实行“办理＋全程代理”模式',
    enteredOn: '2025-06-20',
    villages: ['东沟', '王家湾', '李家畈', '张家岗', '刘家咀', '陈家垴', '黄泥塘', '石桥铺', '枫树岭',
      '杨家冲', '周家港', '吴家山', '柳树湾', '新屋塆', '桂花', '龙井', '高桥', '金盆'],
    windows: [
      { name: '司法信访', offices: ['SF', 'XF'] },
      { name: '民政残联', offices: ['MZ', 'CL'] },
      { name: '劳动保障', offices: ['LB'] },
      { name: '财政查询', offices: ['CZ'] },
      { name: '计划生育', offices: ['JS'] },
    ],
    clerks: 5, supervisor: true,
  },
  {
    code: 'T02', town: '梁子镇', pinyin: 'liangzi',
    address: '梁子镇梁湖路16号镇人民政府院内',
    note: '一窗受理、内部运作、上下联动、全程服务；每个窗口配备电脑和服务手册',
    enteredOn: '2025-06-30',
    villages: ['梁子', '湖心', '沙咀', '鱼塘湾', '莲花', '谢家墩', '胡家湾', '徐家桥', '孙家畈', '朱家岭',
      '高家港', '何家冲', '郭家垴', '马家咀', '罗家山', '芦苇洲', '荷叶湾', '渔业', '磨山', '塘角'],
    windows: [
      { name: '政务值班', offices: ['DZB'] },
      { name: '综合服务', offices: ['CZ', 'YB'] },
      { name: '劳动保障', offices: ['LB'] },
      { name: '土地城建', offices: ['GT', 'CJ'] },
      { name: '计划生育', offices: ['JS'] },
      { name: '民政扶贫', offices: ['MZ', 'FP', 'CL'] },
      { name: '综治维稳', offices: ['ZZ', 'SF', 'XF'] },
      { name: '农业服务', offices: ['NY'] },
    ],
    clerks: 8, supervisor: true,
  },
  {
    code: 'T03', town: '沼山镇', pinyin: 'zhaoshan',
    address: '沼山镇沼山大道9号',
    note: '能够立即审批的当场审批；需要审核的三日内审批；需报区审批的次日送达区直部门',
    enteredOn: '2025-07-15',
    villages: ['沼山', '宋家湾', '郑家畈', '谢家岗', '韩家冲', '唐家咀', '冯家桥', '林场', '青山', '松林',
      '茶园', '白杨', '石门', '黄土坡', '牌楼', '竹林湾', '桃园'],
    windows: [
      { name: '民政', offices: ['MZ', 'CL'] },
      { name: '城建', offices: ['CJ', 'GT'] },
      { name: '综治信访', offices: ['ZZ', 'SF', 'XF'] },
      { name: '农业', offices: ['NY'] },
      { name: '新农保新医保', offices: ['LB', 'YB'] },
    ],
    clerks: 8, supervisor: false,
  },
  {
    code: 'T04', town: '涂家垴镇', pinyin: 'tujianao',
    address: '涂家垴镇涂镇街56号',
    enteredOn: '2025-07-01',
    villages: ['涂家垴', '程家湾', '曹家畈', '袁家岗', '邓家冲', '许家咀', '彭家山', '吕家桥', '汪家垴', '熊家湾',
      '万家铺', '方家岭', '余家港', '蔡家店', '田家墩', '潘家坳', '杜家河', '戴家塆', '夏家庙'],
    windows: [
      { name: '政务值班', offices: ['DZB'] },
      { name: '综治维稳', offices: ['ZZ', 'SF', 'XF'] },
      { name: '计生', offices: ['JS'] },
      { name: '财政', offices: ['CZ'] },
      { name: '新农合农保', offices: ['YB', 'LB'] },
      { name: '民政', offices: ['MZ', 'CL'] },
      { name: '土地城建', offices: ['GT', 'CJ'] },
      { name: '农业', offices: ['NY'] },
    ],
    clerks: 10, supervisor: false,
  },
  {
    code: 'T05', town: '长岭镇', pinyin: 'changling',
    address: '长岭镇岭南路3号镇文化活动中心一楼',
    note: '设在镇文化活动中心，地理位置偏僻，空间狭小；部分群众仍习惯直接到镇直部门办事',
    enteredOn: '2025-08-18',
    villages: ['长岭', '岭下', '杉木', '枫林', '石头岗', '严家湾', '骆家畈', '卢家冲', '姚家咀', '钟家山',
      '谭家桥', '邱家垴'],
    windows: [
      { name: '综合受理', offices: ['DZB', 'ZZ', 'SF'] },
      { name: '民政社保', offices: ['MZ', 'LB', 'YB'] },
      { name: '农业服务', offices: ['NY', 'GT', 'CJ'], status: 'paused' },
    ],
    clerks: 3, supervisor: false,
  },
]

/** 'T01' + 3 -> 'T01V03' */
export const villageCode = (townCode: string, n: number): string => `${townCode}V${String(n).padStart(2, '0')}`

/** Town number 1..5 from 'T03'. */
export const townNo = (townCode: string): number => Number(townCode.slice(1, 3))

/** Department code of a town office, e.g. ('T01', 'SF') -> 'T01-SF'. */
export const officeCode = (townCode: string, key: OfficeKey): string => `${townCode}-${key}`

/** Window number (as string) in the town center that serves the given office, if any. */
export function townWindowFor(townCode: string, key: OfficeKey): string | undefined {
  const t = towns.find((x) => x.code === townCode)
  const i = t ? t.windows.findIndex((w) => w.offices.includes(key)) : -1
  return i >= 0 ? String(i + 1) : undefined
}
