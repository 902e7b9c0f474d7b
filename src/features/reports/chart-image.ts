// Charts for documents: the same ECharts option as the web page (src/domain/charts.ts), rendered on the server to SVG
// (ECharts' SSR renderer, no DOM) and rasterised to PNG by resvg with the CJK font the project ships
// (assets/fonts/NotoSansSC-GB2312.ttf, SIL OFL 1.1), so Chinese renders on a server with no fonts installed.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import * as echarts from 'echarts'
import { chartOption, type ChartSpec } from '../../domain/charts.js'

export const CHART_FONT_FAMILY = 'Noto Sans SC'
const FONT_FILE = path.join('assets', 'fonts', 'NotoSansSC-GB2312.ttf')

/** The shipped font, found upwards from this module (src/features/reports or a compiled dist/server-*). */
export function chartFontPath(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, FONT_FILE)
    if (existsSync(candidate)) return candidate
    if (path.dirname(dir) === dir) throw new Error(`图表字体缺失 chart font not found: ${FONT_FILE}`)
  }
}

/** The chart as an SVG string (ECharts server-side rendering, animation off). */
export function chartSvg(spec: ChartSpec, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption(chartOption(spec, { fontFamily: CHART_FONT_FAMILY, animation: false, valueLabels: spec.series.length === 1 }) as echarts.EChartsCoreOption)
    return chart.renderToSVGString()
  } finally { chart.dispose() }
}

/** The chart as a PNG at `scale` times its size (2: sharp when printed at its size in the docx). */
export function chartPng(spec: ChartSpec, width = 640, height = 340, scale = 2): Buffer {
  const svg = chartSvg(spec, width, height)
  const r = new Resvg(svg, {
    font: { fontFiles: [chartFontPath()], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
    fitTo: { mode: 'width', value: width * scale }, background: '#ffffff',
  })
  return r.render().asPng()
}
