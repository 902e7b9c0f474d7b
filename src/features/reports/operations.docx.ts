// The operations report as a .docx in the 公文 format of GB/T 9704-2012 (see operations.document.ts). This module
// imports docx and is itself loaded on the first document (start-up time and idle memory, issue 26).
import {
  AlignmentType, Document, Footer, ImageRun, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx'
import type { OperationsReport } from './operations.service.js'
import { oneLine, reportBlocks, type Block } from './report-text.js'

// Sizes in half-points (2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt); lengths in twips (1 mm ≈ 56.7).
const SIZE = { title: 44, body: 32, page: 28, table: 24 }
const CHAR = 320 // one 3号 character
const font = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia })
const FONTS = { title: font('方正小标宋简体'), body: font('仿宋_GB2312'), h1: font('黑体'), h2: font('楷体_GB2312'), page: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' } }
const LINE = { line: 579, lineRule: LineRuleType.EXACT } // 28.95 pt: 22 lines on the 225 mm type area
const run = (text: string, f: { ascii: string; hAnsi: string; eastAsia: string }, size: number, bold = false) => new TextRun({ text: oneLine(text), font: f, size, bold })

/** Width of a line of 仿宋 text in characters (digits and Latin letters are half width). */
const widthInChars = (text: string) => [...text].reduce((n, c) => n + (c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0)

const CHART_WIDTH = 600 // points: the 156 mm type area is about 442 pt; the image is drawn 2× and shown at 440 × 233
type Draw = (spec: Extract<Block, { kind: 'chart' }>['spec'], width: number, height: number) => Buffer
function chartParagraphs(b: Extract<Block, { kind: 'chart' }>, draw: Draw): Paragraph[] {
  const png = draw(b.spec, CHART_WIDTH, 318)
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, keepLines: true, children: [
      new ImageRun({ type: 'png', data: png, transformation: { width: 587, height: 311 }, altText: { name: b.caption, description: b.caption, title: b.caption } })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: [run(b.caption, FONTS.body, SIZE.table)] }),
  ]
}

function tableOf(b: Extract<Block, { kind: 'table' }>): Table {
  const cell = (text: string, bold: boolean) => new TableCell({ children: [new Paragraph({ children: [run(text, bold ? FONTS.h1 : FONTS.body, SIZE.table)] })] })
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [
    new TableRow({ tableHeader: true, cantSplit: true, keepNext: true, children: b.head.map((h) => cell(h, true)) }),
    ...b.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c) => cell(c, false)) })),
  ] })
}

function docxChildren(blocks: Block[], draw: Draw): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = []
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 579 }, keepNext: true, children: [run(b.text, FONTS.title, SIZE.title)] }))
        break
      case 'to': out.push(new Paragraph({ spacing: LINE, keepNext: true, children: [run(b.text, FONTS.body, SIZE.body)] })); break
      case 'h1': out.push(new Paragraph({ spacing: LINE, indent: { firstLine: 2 * CHAR }, keepNext: true, keepLines: true, children: [run(b.text, FONTS.h1, SIZE.body)] })); break
      case 'h2': out.push(new Paragraph({ spacing: LINE, indent: { firstLine: 2 * CHAR }, keepNext: true, keepLines: true, children: [run(b.text, FONTS.h2, SIZE.body)] })); break
      case 'p': out.push(new Paragraph({ spacing: LINE, indent: { firstLine: 2 * CHAR }, alignment: AlignmentType.JUSTIFIED, children: [run(b.text, FONTS.body, SIZE.body)] })); break
      case 'chart': out.push(...chartParagraphs(b, draw)); break
      case 'attachments':
        // 附件说明: one blank line after the body, 左空二字, “附件：” then the numbered names, later ones under the first
        out.push(new Paragraph({ spacing: LINE, children: [] }))
        b.items.forEach((x, i) => out.push(new Paragraph({ spacing: LINE, keepNext: i < b.items.length - 1, indent: { left: 2 * CHAR + (i ? 3 * CHAR : 0) },
          children: [run(`${i ? '' : '附件：'}${i + 1}. ${x}`, FONTS.body, SIZE.body)] })))
        break
      case 'signature': {
        // 落款 without a seal: the date 右空二字, the office centred over the date; kept together
        const dateW = widthInChars(b.date); const officeW = widthInChars(b.office)
        out.push(new Paragraph({ spacing: LINE, keepNext: true, children: [] }), new Paragraph({ spacing: LINE, keepNext: true, children: [] }))
        out.push(new Paragraph({ spacing: LINE, keepNext: true, alignment: AlignmentType.RIGHT, indent: { right: Math.max(0, Math.round((2 + (dateW - officeW) / 2) * CHAR)) }, children: [run(b.office, FONTS.body, SIZE.body)] }))
        out.push(new Paragraph({ spacing: LINE, alignment: AlignmentType.RIGHT, indent: { right: 2 * CHAR }, children: [run(b.date, FONTS.body, SIZE.body)] }))
        break
      }
      case 'attachment':
        out.push(new Paragraph({ pageBreakBefore: true, spacing: LINE, keepNext: true, children: [run(`附件${b.no}`, FONTS.h1, SIZE.body)] }))
        out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 289 }, keepNext: true, children: [run(b.title, FONTS.title, SIZE.title)] }))
        break
      case 'table': out.push(tableOf(b)); break
    }
  }
  return out
}

/** “— 1 —” in 4号宋体, one character in from the outer edge. */
const pageNumber = (side: 'odd' | 'even') => new Footer({ children: [new Paragraph({
  alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
  indent: side === 'odd' ? { right: 280 } : { left: 280 },
  children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONTS.page, size: SIZE.page })],
})] })

export async function renderDocx(r: OperationsReport): Promise<Buffer> {
  // ECharts and resvg load with the first document, not at start-up (idle memory, issue 26)
  const { chartPng } = await import('./chart-image.js')
  const blocks = reportBlocks(r)
  const title = blocks.find((b): b is Extract<Block, { kind: 'title' }> => b.kind === 'title')
  const doc = new Document({
    creator: '一站 Yizhan', title: oneLine(title?.text ?? '运行情况报告'),
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONTS.body, size: SIZE.body } } } },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474, footer: 1587, header: 851 } } },
      footers: { default: pageNumber('odd'), even: pageNumber('even') },
      children: docxChildren(blocks, chartPng),
    }],
  })
  return Packer.toBuffer(doc)
}
