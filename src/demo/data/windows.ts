// Windows: 9 in the district center (one per entered unit), the town windows named as in the
// district report, and one 便民代办窗口 in every village room.
import type { DemoWindow } from '../types.js'
import { centers } from './centers.js'
import { towns, officeCode } from './towns.js'

/** District window number of each entered unit. */
export const DISTRICT_WINDOW: Record<string, string> = {
  'D-JG': '1', 'D-RS': '2', 'D-GT': '3', 'D-MZ': '4', 'D-JS': '5', 'D-WS': '6', 'D-ZJ': '7', 'D-WT': '8', 'D-AJ': '9',
}

const DISTRICT_WINDOW_NAMES: Record<string, string> = {
  'D-JG': '经改局窗口', 'D-RS': '人社局窗口', 'D-GT': '国土分局窗口', 'D-MZ': '民政局窗口', 'D-JS': '人口计生局窗口',
  'D-WS': '卫生局窗口', 'D-ZJ': '住建交通局窗口', 'D-WT': '文体局窗口', 'D-AJ': '安监局窗口',
}

const districtWindows: DemoWindow[] = Object.entries(DISTRICT_WINDOW).map(([dept, number]) => ({
  centerCode: 'D01', number, name: DISTRICT_WINDOW_NAMES[dept], departmentCodes: [dept], status: 'open',
}))

const townWindows: DemoWindow[] = towns.flatMap((t) =>
  t.windows.map((w, i) => ({
    centerCode: t.code,
    number: String(i + 1),
    name: w.name,
    departmentCodes: w.offices.map((k) => officeCode(t.code, k)),
    status: w.status ?? 'open',
  })),
)

const villageWindows: DemoWindow[] = centers
  .filter((c) => c.level === 'village')
  .map((c) => ({ centerCode: c.code, number: '1', name: '便民代办窗口', departmentCodes: [], status: 'open' }))

export const windows: DemoWindow[] = [...districtWindows, ...townWindows, ...villageWindows]
