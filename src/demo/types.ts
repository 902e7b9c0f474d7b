// Shapes of the demo district's data (src/demo/data/*): plain facts, loaded by src/demo/load.ts.
import type { OpeningHours } from '../domain/hall-time.js'
import type { DaysUnit } from '../domain/deadlines.js'
import type {
  CenterLevel, HandlingKind, ItemType, MaterialForm, Role, ServiceTarget, SpecialProcedure, WindowStatus,
} from '../domain/vocabulary.js'

export interface DemoCenter {
  code: string            // stable, e.g. 'D01', 'T01', 'T01V01'
  name: string
  level: CenterLevel
  parentCode: string | null
  address: string
  phone: string
  hours: OpeningHours     // on working days, e.g. 08:30–12:00, 14:00–17:30 (hall_settings)
  note?: string
  foundedOn?: string      // YYYY-MM-DD the center opened (the district center: May, as the report says)
}

export interface DemoDepartment {
  code: string            // e.g. 'D-MZ' (district 民政局), 'T01-MZ' (a town office)
  name: string            // full name, e.g. '区民政局'
  shortName: string       // e.g. '民政'
  centerCode: string      // the center whose level it belongs to (district center, or the town center)
  required: boolean       // 应进必进: must have a window in that center
  enteredOn: string | null // YYYY-MM-DD when it entered the center, null if not entered
  phone: string
}

export interface DemoWindow {
  centerCode: string
  number: string          // '1', '2', ... unique in the center
  name: string            // e.g. '民政窗口', '司法信访'
  departmentCodes: string[]
  status: WindowStatus
}

export interface DemoStaff {
  username: string        // ascii, lower-case, e.g. 'district.clerk1'
  name: string            // a plausible Chinese personal name
  centerCode: string
  roles: Role[]
  windowNumber?: string   // the window they sit at (clerks), in their center
  standInFor?: string[]   // window numbers in their center for which they are the AB岗 stand-in
  departmentCode?: string // approvers of one department (their inbox, the steps they may take)
  phone: string
}

export interface DemoMaterial {
  name: string
  form: MaterialForm
  copies: number
  required: boolean
  note?: string
}

export interface DemoItem {
  code: string             // 实施编码, unique in the whole catalog
  basicCode: string        // 基本编码, shared by every body that implements the same item
  name: string
  itemType: ItemType
  departmentCode: string   // 主管部门 / 实施机构 department
  implementingBody: string // 实施机构 name
  legalBasis: string       // 设定依据 / 实施依据 (real laws and regulations)
  targets: ServiceTarget[]
  handlingKind: HandlingKind
  legalDays: number        // in daysUnit (working days unless the legal basis says 日)
  promisedDays: number     // same unit, <= legalDays (0 for immediate items)
  daysUnit?: DaysUnit      // default workday; calendar where the item's law counts 日 (工伤认定: 60 日)
  acceptLevel: CenterLevel // the lowest level where it may be accepted
  decideLevel: CenterLevel
  conditions: string
  materials: DemoMaterial[]
  procedure: string[]      // steps, e.g. ['申请', '受理', '审查', '决定', '送达']
  fees: { charged: boolean; amount?: string; basis?: string }
  result: string           // what the citizen receives
  visits: number           // 到现场次数, 0 or 1 mostly
  consultPhone: string
  complaintPhone: string
  specialProcedures: SpecialProcedure[]
  theme: string            // browse-by-theme heading, e.g. '社会保障', '婚育收养', '医疗卫生'
  category: string         // the center's item category, e.g. '民政服务类'
  offeredAt: string[]      // center codes whose windows accept it
  windowNumbers?: Record<string, string[]> // centerCode -> window numbers that serve it (optional)
}
