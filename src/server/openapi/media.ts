// The answers that are not JSON (downloads, images, the display board's event stream), by operationId, so the API
// document declares their media types. `keepJson`: the route answers JSON too (a `format` query chooses).
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const binary = { schema: { type: 'string', format: 'binary' } }
const text = { schema: { type: 'string' } }
const of = (...types: string[]) => Object.fromEntries(types.map((t) => [t, binary]))

/** What a stored material (photo, scan) or a proxy's signed authorisation is kept as (src/features/materials/normalise.ts). */
const MATERIAL = of('image/jpeg', 'image/png', 'application/pdf')
/** A material sample uploaded to the catalog (src/features/catalog/files.service.ts KINDS). */
const SAMPLE = of('application/pdf', 'image/png', 'image/jpeg', DOCX, XLSX)

export interface MediaAnswer { description: string; content: Record<string, object>; keepJson?: boolean }

export const MEDIA: Record<string, Record<number, MediaAnswer>> = {
  'items.importTemplate': { 200: { description: 'The import template (事项导入模板.xlsx)', content: of(XLSX) } },
  'items.export': { 200: { description: 'The published items in the jurisdiction (事项清单.xlsx)', content: of(XLSX) } },
  'files.get': { 200: { description: 'The sample file as uploaded', content: SAMPLE } },
  'catalog.publicFile': { 200: { description: 'The sample file as uploaded', content: SAMPLE } },
  'materials.get': { 200: { description: 'The stored file (each view audited)', content: MATERIAL } },
  'materials.thumbnail': { 200: { description: 'A 320 px JPEG of the image', content: of('image/jpeg') } },
  'cases.attachment': { 200: { description: 'The attached file', content: MATERIAL } },
  'proxies.document': { 200: { description: 'The photo or scan of the signed authorisation', content: MATERIAL } },
  'hall.displayEvents': {
    200: {
      description: 'Server-Sent Events: each call is an event `call` with `{ number, windowName, windowNumber, at }` and an `id:`; '
        + 'a client reconnecting with `Last-Event-ID` gets what it missed',
      content: { 'text/event-stream': text },
    },
  },
  'reports.operations': {
    200: { description: 'The figures (JSON), or the Chinese report with `format=markdown` or `format=docx`', content: { 'text/markdown': text, [DOCX]: binary }, keepJson: true },
  },
  'statistics.get': { 200: { description: 'The figures (JSON), or the workbook with `format=xlsx`', content: of(XLSX), keepJson: true } },
  'ratings.export': { 200: { description: 'One record per rating: JSON, or CSV with `format=csv`', content: { 'text/csv': text }, keepJson: true } },
}
