// The operations report's text as a list of blocks, in the order of a 公文 报告 (GB/T 9704-2012): title, 主送, body
// (一、运行情况 with its charts; 二、存在的问题; 三、意见建议), 特此报告, the attachments list, 落款, then the attachments.
// Every sentence is made from the live figures of the report; markdown and docx render the same blocks.
import type { ChartSpec } from '../../domain/charts.js'
import { MEASURE_DEFINITIONS, percent } from '../../domain/statistics-measures.js'
import type { OperationsReport } from './operations.service.js'

/** Any text in one line: control characters and line breaks (stored before names refused them) become spaces. */
export const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'to'; text: string }
  | { kind: 'h1'; text: string }
  | { kind: 'h2'; text: string }
  | { kind: 'p'; text: string }
  | { kind: 'chart'; caption: string; spec: ChartSpec }
  | { kind: 'attachments'; items: string[] }
  | { kind: 'signature'; office: string; date: string }
  | { kind: 'attachment'; no: number; title: string }
  | { kind: 'table'; head: string[]; rows: string[][] }

/** 2026-05-31 → 2026年5月31日 */
export function cnDate(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
}
const NUMERALS = '一二三四五六七八九十'
const list = (xs: string[]) => xs.join('、')

function townParagraph(t: OperationsReport['towns'][number]): string {
  const cats = t.itemCategories ? `${t.itemCategories}类` : ''
  return `${t.name}便民服务中心设有${list(t.windowNames)}等${t.windows}个服务窗口，服务事项${cats}${t.items}项，窗口工作人员${t.staff}人。`
    + `${cnDate(t.casesSince.from)}以来，共受理行政审批和服务事项${t.casesSince.count}件；`
    + `${cnDate(t.visits.from)}至${cnDate(t.visits.to)}，各窗口累计接待${t.visits.count}人次（按大厅取号计，含咨询和补正后再次到厅）。`
}

function overview(r: OperationsReport): Block[] {
  const out: Block[] = [{ kind: 'h1', text: '一、全区行政服务体系建设运行情况' }]
  const n = r.network
  const d = r.district
  const founded = d?.foundedOn ? `我区于${Number(d.foundedOn.slice(0, 4))}年${Number(d.foundedOn.slice(5, 7))}月成立了区级行政服务中心，` : `全区建成区级行政服务中心${n.districtCenters}个，`
  out.push({ kind: 'p', text: `${founded}陆续建成镇级便民服务中心${n.townCenters}个、村级便民服务室${n.villageRooms}个。` })
  if (d) {
    const depts = d.itemsByDepartment.map((x) => `${x.department}（${x.items}项）`).join('、')
    out.push({ kind: 'p', text: `按照“应进必进”的原则，全区${d.requiredUnits}家行政单位须进中心设立服务窗口。目前，区级行政服务中心已进驻${d.enteredUnits}家单位，`
      + `设立${d.windows}个服务窗口，行政审批事项${d.items}项，分别是${depts}。中心现有窗口工作人员${d.windowStaff}名，管理人员${d.managers}名。` })
  }
  for (const t of r.towns) out.push({ kind: 'p', text: townParagraph(t) })
  if (r.towns.length > 1) {
    out.push({ kind: 'chart', caption: `图1 各镇便民服务中心受理办件数（${cnDate(r.casesFrom)}至${cnDate(r.asOf)}）`,
      spec: { title: '各镇便民服务中心受理办件数', unit: '件', labels: r.towns.map((t) => t.name), series: [{ name: '受理', kind: 'bar', values: r.towns.map((t) => t.casesSince.count) }] } })
  }
  const m = r.measures
  out.push({ kind: 'p', text: `${cnDate(m.from)}至${cnDate(m.to)}，${r.scope.level === 'district' ? '全区' : r.scope.name}共受理办件${m.accepted}件，办结${m.decided}件，`
    + `按时办结率${percent(m.onTimeRate)}，平均办理${m.avgWorkdays ?? 0}个工作日，一次办结率${percent(m.oneTripRate)}；`
    + `${m.villageRooms}个村级便民服务室中有${m.villageRoomsUsed}个发起过代办，覆盖率${percent(m.villageCoverage)}；`
    + `群众评价${m.ratings}条，其中好评${m.good}条，好评率${percent(m.satisfaction)}。` })
  const tr = tripsParagraph(r)
  if (tr) out.push({ kind: 'p', text: tr })
  if (r.months.length > 1) {
    out.push({ kind: 'chart', caption: `图${r.towns.length > 1 ? 2 : 1} 各月受理与办结件数`,
      spec: { title: '各月受理与办结件数', unit: '件', labels: r.months.map((x) => x.month), series: [
        { name: '受理', kind: 'bar', values: r.months.map((x) => x.accepted) }, { name: '办结', kind: 'line', values: r.months.map((x) => x.finished) }] } })
  }
  return out
}

/** 少跑腿: trips per case with 容缺, with 一件事 and with neither (the channels measure), when any case used either. */
function tripsParagraph(r: OperationsReport): string | null {
  const t = r.trips
  if (!t.withCommitment.cases && !t.bundled.cases) return null
  const per = (x: { tripsPerCase: number | null }) => (x.tripsPerCase === null ? '暂无数据' : `${x.tripsPerCase}次`)
  return `推行容缺受理和“一件事一次办”，群众少跑腿。同期容缺受理${t.withCommitment.cases}件，件均跑动${per(t.withCommitment)}；`
    + `“一件事一次办”${t.bundled.cases}件，件均跑动${per(t.bundled)}；其余办件${t.withoutEither.cases}件，件均跑动${per(t.withoutEither)}。`
}

function problems(r: OperationsReport): { problems: Block[]; proposals: Block[] } {
  const p = r.problems
  const found: { problem: string; proposal: string }[] = []
  const d = r.district
  if (d && p.unitsNotEntered.length) {
    found.push({
      problem: `“应进必进”尚未完全落实。全区${d.requiredUnits}家应进驻单位中，尚有${p.unitsNotEntered.length}家未进驻区行政服务中心，分别是${list(p.unitsNotEntered)}，进驻率为${percent(r.measures.entryRate)}。`,
      proposal: `推动剩余单位进驻。建议督促${list(p.unitsNotEntered)}等${p.unitsNotEntered.length}家单位限期进驻设窗，全部进驻后区中心进驻单位将由${d.enteredUnits}家增至${d.requiredUnits}家。`,
    })
  }
  if (p.lateSteps.length) {
    const total = p.lateSteps.reduce((n, x) => n + x.late, 0)
    const top = p.lateSteps.slice(0, 3)
    found.push({
      problem: `部分办理环节超过时限。${cnDate(r.casesFrom)}以来，共有${total}个办理环节超过承诺时限，其中${top.map((x) => `${x.department}${x.late}个（占其环节的${percent(x.late / x.steps)}）`).join('、')}；全区按时办结率为${percent(r.measures.onTimeRate)}，超期办结${r.measures.late}件。`,
      proposal: `加强时限督办。建议对超期环节最多的${top[0].department}（${top[0].late}个）开展专项督办，对黄灯、红灯环节逐件跟踪，力争超期环节数比上期减少一半。`,
    })
  }
  const least = p.leastUsedTown
  if (least) {
    const share = least.othersAverage ? `，仅为其他各镇平均受理量（${least.othersAverage}件）的${percent(least.cases / least.othersAverage)}` : ''
    found.push({
      problem: `镇级中心运行不平衡。${least.name}便民服务中心承办的事项最少，${cnDate(r.casesFrom)}以来受理${least.cases}件，大厅接待${least.visits}人次${share}，部分群众仍习惯直接到镇直各部门办理。`,
      proposal: `改善${least.name}便民服务中心运行条件。建议为该中心改善办公场所、配齐设施，引导镇直部门事项统一进入中心受理；该中心现有窗口${least.windows}个、窗口工作人员${least.staff}人。`,
    })
  }
  const idle = p.idleVillageRooms.reduce((n, x) => n + x.rooms, 0)
  if (idle) {
    const most = [...p.idleVillageRooms].sort((a, b) => b.rooms - a.rooms)
    found.push({
      problem: `部分村级便民服务室作用发挥不充分。${r.measures.villageRooms}个村级便民服务室中，有${idle}个在${cnDate(r.casesFrom)}至${cnDate(r.asOf)}期间未发起任何代办，其中${most.map((x) => `${x.town}${x.rooms}个`).join('、')}。`,
      proposal: `激活村级便民服务室。建议对${idle}个未发起代办的村级便民服务室开展代办员培训和上门宣传，优先安排${most[0].town}（${most[0].rooms}个）。`,
    })
  }
  const h = (i: number, text: string) => ({ kind: 'h2' as const, text: `（${NUMERALS[i]}）${text.slice(0, text.indexOf('。') + 1)}` })
  const body = (text: string) => ({ kind: 'p' as const, text: text.slice(text.indexOf('。') + 1) })
  return {
    problems: [{ kind: 'h1', text: '二、存在的问题' },
      ...(found.length ? found.flatMap((f, i) => [h(i, f.problem), body(f.problem)]) : [{ kind: 'p' as const, text: '本期未发现需要报告的问题。' }])],
    proposals: [{ kind: 'h1', text: '三、意见建议' },
      ...(found.length ? found.flatMap((f, i) => [h(i, f.proposal), body(f.proposal)]) : [{ kind: 'p' as const, text: '建议保持现有运行机制。' }])],
  }
}

const ATTACHMENTS = ['主要指标及统计口径', '各镇便民服务中心主要数据']

function attachments(r: OperationsReport): Block[] {
  const m = r.measures
  const def = (k: keyof typeof MEASURE_DEFINITIONS) => MEASURE_DEFINITIONS[k]
  const t = r.trips
  const trips = `${t.total.tripsPerCase ?? '暂无数据'}（容缺${t.withCommitment.tripsPerCase ?? '—'}，一件事${t.bundled.tripsPerCase ?? '—'}，其余${t.withoutEither.tripsPerCase ?? '—'}）`
  const rows: [keyof typeof MEASURE_DEFINITIONS, string][] = [
    ['accepted', String(m.accepted)], ['finished', String(m.decided)], ['onTimeRate', percent(m.onTimeRate)], ['avgWorkdays', String(m.avgWorkdays ?? '暂无数据')],
    ['oneTripRate', percent(m.oneTripRate)], ['channelTrips', trips], ['villageCoverage', percent(m.villageCoverage)], ['rated', String(m.ratings)], ['satisfaction', percent(m.satisfaction)],
    ['entryRate', percent(m.entryRate)],
  ]
  return [
    { kind: 'attachment', no: 1, title: ATTACHMENTS[0] },
    { kind: 'p', text: `统计期间：${cnDate(m.from)}至${cnDate(m.to)}；与统计分析页面和导出表格使用同一口径。` },
    { kind: 'table', head: ['指标', '数值', '口径'], rows: rows.map(([k, v]) => [def(k).name, v, def(k).definition]) },
    { kind: 'attachment', no: 2, title: ATTACHMENTS[1] },
    { kind: 'table', head: ['镇', '窗口', '窗口人员', '服务事项', `受理办件（${cnDate(r.casesFrom)}起）`, `接待人次（${cnDate(r.visitsFrom)}起）`],
      rows: r.towns.map((t) => [t.name, String(t.windows), String(t.staff), String(t.items), String(t.casesSince.count), String(t.visits.count)]) },
  ]
}

export function reportBlocks(r: OperationsReport): Block[] {
  const whole = r.scope.level === 'district'
  const { problems: probs, proposals } = problems(r)
  const out: Block[] = [
    { kind: 'title', text: whole ? '关于全区行政服务体系运行情况的报告' : `关于${r.scope.name}运行情况的报告` },
    { kind: 'to', text: `${r.scope.government}：` },
  ]
  if (r.demoHistory?.status === 'running') {
    out.push({ kind: 'p', text: `（演示历史数据仍在生成中，已生成至${r.demoHistory.through ? cnDate(r.demoHistory.through) : '开始'}，以下数字将继续增长。）` })
  }
  out.push({ kind: 'p', text: `现将截至${cnDate(r.asOf)}${whole ? '全区行政服务体系' : r.scope.name}建设运行情况报告如下。` },
    ...overview(r), ...probs, ...proposals, { kind: 'p', text: '特此报告。' },
    { kind: 'attachments', items: ATTACHMENTS },
    { kind: 'signature', office: r.scope.name, date: cnDate(r.asOf) },
    ...attachments(r))
  return out
}
