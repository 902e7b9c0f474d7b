// The operations report as a Chinese document, written like section 一 of the district's report: one list of
// blocks (heading, paragraph, table, bar chart) rendered to markdown or to a .docx file.
import type { Paragraph, Table } from 'docx'
import type { OperationsReport } from './operations.service.js'

type Block =
  | { kind: 'h'; level: 1 | 2; text: string }
  | { kind: 'p'; text: string }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'bars'; title: string; bars: { label: string; value: number }[] }

/** 2026-05-31 → 2026年5月31日 */
export function cnDate(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
}
const pct = (r: number | null) => (r === null ? '暂无数据' : `${(r * 100).toFixed(1)}%`)

function townParagraph(t: OperationsReport['towns'][number]): string {
  const cats = t.itemCategories ? `${t.itemCategories}类` : ''
  return `${t.name}便民服务中心设有${t.windowNames.join('、')}等${t.windows}个服务窗口，服务事项${cats}${t.items}项，窗口工作人员${t.staff}人。`
    + `${cnDate(t.casesSince.from)}以来，共受理行政审批和服务事项${t.casesSince.count}件；`
    + `${cnDate(t.visits.from)}至${cnDate(t.visits.to)}，大厅累计取号接待${t.visits.count}人次（按取号票计，含咨询和补正再次到厅）。`
}

export function reportBlocks(r: OperationsReport): Block[] {
  const out: Block[] = [{ kind: 'h', level: 1, text: `全区行政服务体系运行情况（截至${cnDate(r.asOf)}）` },
    { kind: 'h', level: 2, text: '一、全区行政服务体系建设运行情况' }]
  if (r.demoHistory?.status === 'running') {
    out.push({ kind: 'p', text: `（演示历史数据仍在生成中，已生成至${r.demoHistory.through ? cnDate(r.demoHistory.through) : '开始'}，以下数字将继续增长。）` })
  }
  const n = r.network
  out.push({ kind: 'p', text: `全区建成区级行政服务中心${n.districtCenters}个、镇级便民服务中心${n.townCenters}个、村级便民服务室${n.villageRooms}个。` })
  const d = r.district
  if (d) {
    const depts = d.itemsByDepartment.map((x) => `${x.department}（${x.items}项）`).join('、')
    out.push({ kind: 'p', text: `按照“应进必进”的原则，全区${d.requiredUnits}家行政单位须进中心设立服务窗口。目前，区级行政服务中心已进驻${d.enteredUnits}家单位，`
      + `设立${d.windows}个服务窗口，行政审批事项${d.items}项，分别是${depts}。中心现有窗口工作人员${d.windowStaff}名，管理人员${d.managers}名。` })
  }
  for (const t of r.towns) out.push({ kind: 'p', text: townParagraph(t) })
  if (r.towns.length > 1) {
    const fewest = [...r.towns].sort((a, b) => a.casesSince.count - b.casesSince.count)[0]
    out.push({ kind: 'p', text: `${fewest.name}便民服务中心承办的事项最少，${cnDate(fewest.casesSince.from)}以来受理${fewest.casesSince.count}件。` })
    out.push({ kind: 'bars', title: `图1 各镇便民服务中心受理办件数（${cnDate(r.towns[0].casesSince.from)}至${cnDate(r.asOf)}）`,
      bars: r.towns.map((t) => ({ label: t.name, value: t.casesSince.count })) })
  }
  const m = r.measures
  out.push({ kind: 'h', level: 2, text: '附：原报告未能统计的指标' },
    { kind: 'table', head: ['指标', '数值', '口径'], rows: [
      ['按时办结率', pct(m.onTimeRate), `${cnDate(m.from)}至${cnDate(m.to)}办结的${m.decided}件中，在承诺期限内办结的比例`],
      ['一次办结率', pct(m.oneTripRate), '事项到现场不超过一次且未要求补正的办件比例'],
      ['村级便民服务室覆盖率', pct(m.villageCoverage), `${m.villageRooms}个村级便民服务室中有办件发起的${m.villageRoomsUsed}个`],
      ['群众满意率', pct(m.satisfaction), `${m.ratings}条有效评价中基本满意及以上的比例`],
    ] })
  return out
}

/** Any text in one line: control characters and line breaks (stored before names refused them) become spaces. */
export const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
/** Text that markdown shows as written: no heading, link, emphasis, table cell or HTML tag can come out of a name. */
export const mdText = (text: string) => oneLine(text).replace(/[\\`*_{}[\]<>#|~!&]/g, (c) => `\\${c}`)

const BAR_WIDTH = 30
function barLines(b: Extract<Block, { kind: 'bars' }>): string[] {
  const max = Math.max(1, ...b.bars.map((x) => x.value))
  return b.bars.map((x) => `${x.label.padEnd(5, '　')} ${'█'.repeat(Math.round((x.value / max) * BAR_WIDTH))} ${x.value}`)
}

export function toMarkdown(r: OperationsReport): string {
  const lines: string[] = []
  for (const b of reportBlocks(r)) {
    if (b.kind === 'h') lines.push(`${'#'.repeat(b.level)} ${mdText(b.text)}`, '')
    else if (b.kind === 'p') lines.push(mdText(b.text), '')
    else if (b.kind === 'table') {
      const row = (cells: string[]) => `| ${cells.map(mdText).join(' | ')} |`
      lines.push(row(b.head), `| ${b.head.map(() => '---').join(' | ')} |`, ...b.rows.map(row), '')
    } else lines.push(`**${mdText(b.title)}**`, '', '```', ...barLines(b).map((l) => oneLine(l).replace(/`/g, "'")), '```', '')
  }
  return lines.join('\n')
}

const FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' }

export async function toDocx(r: OperationsReport): Promise<Buffer> {
  // docx is loaded on first use (start-up time and memory of the server).
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx')
  // docx escapes XML markup itself; control characters (not allowed in XML) go through oneLine.
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: oneLine(text), bold })] })] })
  const children: (Paragraph | Table)[] = []
  for (const b of reportBlocks(r)) {
    if (b.kind === 'h') children.push(new Paragraph({ text: oneLine(b.text), heading: b.level === 1 ? HeadingLevel.TITLE : HeadingLevel.HEADING_1, alignment: b.level === 1 ? AlignmentType.CENTER : undefined }))
    else if (b.kind === 'p') children.push(new Paragraph({ children: [new TextRun(oneLine(b.text))], indent: { firstLine: 480 }, spacing: { line: 360 } }))
    else if (b.kind === 'table') {
      children.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [
        new TableRow({ children: b.head.map((h) => cell(h, true)) }), ...b.rows.map((row) => new TableRow({ children: row.map((c) => cell(c)) }))] }))
    } else {
      // The chart: one row per town, the bar drawn in a proportional run of full blocks.
      children.push(new Paragraph({ children: [new TextRun({ text: oneLine(b.title), bold: true })], alignment: AlignmentType.CENTER }))
      const max = Math.max(1, ...b.bars.map((x) => x.value))
      children.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: b.bars.map((x) => new TableRow({ children: [
        cell(x.label), new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: '█'.repeat(Math.round((x.value / max) * BAR_WIDTH)), color: '1677FF' })] })] }), cell(String(x.value))] })) }))
    }
  }
  const doc = new Document({ styles: { default: { document: { run: { font: FONT, size: 24 } } } }, sections: [{ children }] })
  return Packer.toBuffer(doc)
}
