// Staff of the demo district. Usernames:
//   district: admin, district.clerk1..8, district.manager1..2, district.supervisor, approver.<unit>, approver2.<unit>
//   towns:    <pinyin>.clerkN, <pinyin>.manager, <pinyin>.approver, <pinyin>.supervisor (T01, T02)
//   villages: agent.<village code in lower case>, e.g. agent.t01v01
import type { DemoStaff } from '../types.js'
import type { Role } from '../../domain/vocabulary.js'
import { mobile } from './helpers.js'
import { centers } from './centers.js'
import { towns } from './towns.js'

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙胡朱高何郭马罗梁宋郑谢韩唐冯董程曹袁邓许彭吕汪熊万方余蔡田潘杜夏'.split('')
const GIVEN = [
  '建国', '志强', '丽华', '秀英', '海燕', '俊', '敏', '静', '伟', '芳', '娟', '磊', '军', '勇', '艳', '杰',
  '涛', '明', '超', '霞', '平', '刚', '桂英', '玉兰', '红梅', '春华', '文斌', '晓东', '雪梅', '国庆', '家豪', '子涵',
  '思远', '婷婷', '德胜', '少华', '爱民', '振华', '丹', '琳', '慧', '亮', '斌', '波', '辉', '鹏', '飞', '欣怡',
  '佳', '秀兰', '玉珍', '金水', '汉生', '凤英', '红霞', '新民', '志刚', '春燕', '小平', '冬梅', '卫东', '晓燕',
]

const usedNames = new Set<string>()
let nameSeq = 0
/** A plausible Chinese name, distinct across the whole demo; prefers the given surname if any. */
function personName(surname?: string): string {
  for (;;) {
    const i = nameSeq++
    const s = surname ?? SURNAMES[(i * 7 + 3) % SURNAMES.length]
    const name = s + GIVEN[(i * 13 + 5) % GIVEN.length]
    if (!usedNames.has(name)) {
      usedNames.add(name)
      return name
    }
  }
}

let phoneSeq = 0
function person(username: string, centerCode: string, roles: Role[], extra: Partial<DemoStaff> = {}, surname?: string): DemoStaff {
  return { username, name: personName(surname), centerCode, roles, ...extra, phone: mobile(++phoneSeq) }
}

const DISTRICT_UNITS = ['jg', 'rs', 'gt', 'mz', 'js', 'ws', 'zj', 'wt', 'aj']

/** District center: 8 window clerks at windows 1..8 (window 9 has no fixed clerk), 2 managers, admin, supervisor, approvers. */
function districtStaff(): DemoStaff[] {
  const out: DemoStaff[] = []
  for (let i = 1; i <= 8; i++) {
    // clerk i stands in for window i+1; clerk 8 also for window 1, so windows 1..9 all have a stand-in.
    const standInFor = i === 8 ? ['9', '1'] : [String(i + 1)]
    out.push(person(`district.clerk${i}`, 'D01', ['clerk'], { windowNumber: String(i), standInFor }))
  }
  out.push(person('district.manager1', 'D01', ['manager']))
  out.push(person('district.manager2', 'D01', ['manager']))
  out.push(person('admin', 'D01', ['admin']))
  out.push(person('district.supervisor', 'D01', ['supervisor']))
  for (const unit of DISTRICT_UNITS) {
    out.push(person(`approver.${unit}`, 'D01', ['approver'], { departmentCode: `D-${unit.toUpperCase()}` }))
    // 部门负责人: approves extensions past the legal limit (行政许可法 §42) for the department
    out.push(person(`head.${unit}`, 'D01', ['department_head'], { departmentCode: `D-${unit.toUpperCase()}` }))
  }
  return out
}

/**
 * A town center: clerks 1..n sit at windows 1..n; further clerks double up at windows 1, 2, ...
 * The clerk of window k+1 is the stand-in (AB岗) for window k; the clerk of window 1 for the last window.
 */
function townStaff(t: (typeof towns)[number]): DemoStaff[] {
  const n = t.windows.length
  const out: DemoStaff[] = []
  for (let j = 0; j < t.clerks; j++) {
    const extra: Partial<DemoStaff> = { windowNumber: String(j < n ? j + 1 : j - n + 1) }
    if (j < n) extra.standInFor = [String(((j - 1 + n) % n) + 1)]
    out.push(person(`${t.pinyin}.clerk${j + 1}`, t.code, ['clerk'], extra))
  }
  out.push(person(`${t.pinyin}.manager`, t.code, ['manager']))
  out.push(person(`${t.pinyin}.approver`, t.code, ['approver']))
  if (t.supervisor) out.push(person(`${t.pinyin}.supervisor`, t.code, ['supervisor']))
  return out
}

/** One agent (代办员) per village room, at its window 1; villagers of 王家湾 are often surnamed 王. */
function villageStaff(): DemoStaff[] {
  return centers
    .filter((c) => c.level === 'village')
    .map((c) => {
      const m = /^(.)家/.exec(c.name)
      return person(`agent.${c.code.toLowerCase()}`, c.code, ['agent'], { windowNumber: '1' }, m ? m[1] : undefined)
    })
}

/** A second approver per district department: 审核 after a colleague's 承办 (separation of duties); last, so the
 * names and phones of the others stay as they were. */
function districtReviewers(): DemoStaff[] {
  return DISTRICT_UNITS.map((unit) => person(`approver2.${unit}`, 'D01', ['approver'], { departmentCode: `D-${unit.toUpperCase()}` }))
}

export const staff: DemoStaff[] = [...districtStaff(), ...towns.flatMap(townStaff), ...villageStaff(), ...districtReviewers()]
