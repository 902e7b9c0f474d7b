// The ECharts definitions (options) of the statistics and report charts, one for the web pages (canvas) and the
// server (SVG rendered to PNG for the docx): plain data, no ECharts import. Long lists keep their top N and add the
// rest up as “其他”, so an axis never carries dozens of labels. Pure.

export interface ChartSeries { name: string; kind: 'bar' | 'line'; values: (number | null)[] }
export interface ChartSpec { title: string; labels: string[]; series: ChartSeries[]; unit?: string }

/** Most labels one axis shows; more are cut to the top N − 1 and “其他”. */
export const MAX_LABELS = 12
export const OTHERS = '其他'

/**
 * The `n` largest entries by `rank` (ties keep their order) and one “其他” entry adding up the rest with `add`;
 * the list unchanged when it has at most `n` entries.
 */
export function topWithOthers<T>(rows: T[], n: number, rank: (r: T) => number, add: (rest: T[]) => T): T[] {
  if (rows.length <= n) return rows
  const order = rows.map((r, i) => [r, i] as const).sort((a, b) => rank(b[0]) - rank(a[0]) || a[1] - b[1])
  const keep = new Set(order.slice(0, n - 1).map(([, i]) => i))
  return [...rows.filter((_, i) => keep.has(i)), add(rows.filter((_, i) => !keep.has(i)))]
}

const COLORS = ['#1f5fae', '#2e8b57', '#d48806', '#c8102e']

/** The ECharts option of a chart of bars and lines over category labels (the web's StatChart and the report's images). */
export function chartOption(spec: ChartSpec, o: { fontFamily: string; animation?: boolean; valueLabels?: boolean }) {
  const many = spec.labels.length > 6
  return {
    animation: o.animation ?? true,
    color: COLORS,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: o.fontFamily },
    title: { text: spec.title, left: 'center', textStyle: { fontSize: 15, fontFamily: o.fontFamily } },
    tooltip: { trigger: 'axis' },
    legend: spec.series.length > 1 ? { bottom: 0 } : undefined,
    grid: { left: 56, right: 24, top: 48, bottom: many ? 100 : 56 },
    xAxis: { type: 'category', data: spec.labels, axisLabel: { interval: 0, rotate: many ? 35 : 0, width: 100, overflow: 'truncate' } },
    yAxis: { type: 'value', minInterval: 1, name: spec.unit },
    series: spec.series.map((s) => ({
      type: s.kind, name: s.name, data: s.values, smooth: s.kind === 'line',
      ...(o.valueLabels ? { label: { show: true, position: 'top' } } : {}),
    })),
  }
}
