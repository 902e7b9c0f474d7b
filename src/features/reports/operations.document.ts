// The operations report rendered from its blocks (report-text.ts): markdown (charts as tables of their values), and a
// .docx in the 公文 format of GB/T 9704-2012: A4 with the standard margins, title in 2号方正小标宋简体, 主送 and body in
// 3号仿宋_GB2312 with a fixed 28.95 pt line, 一、 headings in 黑体 and （一） in 楷体_GB2312, page numbers “— 1 —” in
// 4号宋体 at the outer edge (odd right, even left), 落款 (office over the date), attachments each on a new page; charts
// are PNG images drawn on the server from the web's ECharts definitions; headings and captions keep with what
// follows, table rows never split.
import type { OperationsReport } from './operations.service.js'
import { oneLine, reportBlocks } from './report-text.js'

export { cnDate } from './report-text.js'

/** Text that markdown shows as written: no heading, link, emphasis, table cell or HTML tag can come out of a name. */
export const mdText = (text: string) => oneLine(text).replace(/[\\`*_{}[\]<>#|~!&]/g, (c) => `\\${c}`)

export function toMarkdown(r: OperationsReport): string {
  const lines: string[] = []
  const table = (head: string[], rows: string[][]) => {
    const row = (cells: string[]) => `| ${cells.map(mdText).join(' | ')} |`
    lines.push(row(head), `| ${head.map(() => '---').join(' | ')} |`, ...rows.map(row), '')
  }
  for (const b of reportBlocks(r)) {
    if (b.kind === 'title') lines.push(`# ${mdText(b.text)}`, '')
    else if (b.kind === 'h1') lines.push(`## ${mdText(b.text)}`, '')
    else if (b.kind === 'h2') lines.push(`### ${mdText(b.text)}`, '')
    else if (b.kind === 'to' || b.kind === 'p') lines.push(mdText(b.text), '')
    else if (b.kind === 'chart') {
      lines.push(`**${mdText(b.caption)}**`, '')
      table([b.spec.unit ? `单位：${b.spec.unit}` : '', ...b.spec.series.map((s) => s.name)], b.spec.labels.map((l, i) => [l, ...b.spec.series.map((s) => String(s.values[i] ?? '—'))]))
    } else if (b.kind === 'attachments') lines.push(`附件：${b.items.map((x, i) => `${i + 1}. ${mdText(x)}`).join('；')}`, '')
    else if (b.kind === 'signature') lines.push(`${mdText(b.office)}  `, `${b.date}`, '')
    else if (b.kind === 'attachment') lines.push('---', '', `附件${b.no}`, '', `## ${mdText(b.title)}`, '')
    else table(b.head, b.rows)
  }
  return lines.join('\n')
}

/** The .docx (operations.docx.ts, loaded with docx, ECharts and resvg on the first document, not at start-up). */
export async function toDocx(r: OperationsReport): Promise<Buffer> {
  return (await import('./operations.docx.js')).renderDocx(r)
}
