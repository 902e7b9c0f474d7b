// Reads the rows of the sheets of an uploaded .xlsx without loading the workbook: the zip's directory is read
// first (sizes checked before anything is inflated), then each sheet's XML is inflated and parsed chunk by chunk,
// handing the event loop back between chunks so that other requests are served, and stopping at a row cap.
// ExcelJS's streaming WorkbookReader wants the zip entries in Excel's order and spills out-of-order sheets to
// temp files; here the entries are taken in the order needed (rels, workbook, shared strings, styles, sheet).
import { PassThrough, Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { setImmediate as nextTurn } from 'node:timers/promises'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'

/** Uncompressed bytes an upload may unpack to (a 20,000-row catalog is about 30 MB). */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024

/** The file is not a workbook we can read, or is too large; the message is for the user. */
export class WorkbookError extends Error {}

/** The parts of ExcelJS's WorkbookReader used to read entries in our own order (exceljs 4.4). */
interface ReaderInternals {
  _parseRels(s: Readable): Promise<void>
  _parseWorkbook(s: Readable): Promise<void>
  _parseSharedStrings(s: Readable): AsyncGenerator<unknown>
  _parseStyles(s: Readable): Promise<void>
  _parseWorksheet(it: AsyncIterable<string>, sheetNo: string): Generator<{ value: AsyncIterable<ExcelJS.Row> }>
  sharedStrings?: unknown[]
  model?: { sheets?: { name: string; rId: string }[] }
  workbookRels?: { Id: string; Target: string }[]
}

/**
 * An entry's text in chunks, with a turn of the event loop after each chunk. Decoded here with one decoder
 * per entry: ExcelJS decodes each chunk on its own, which breaks a character cut by a chunk boundary.
 */
async function* paced(file: JSZip.JSZipObject): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  for await (const chunk of file.nodeStream('nodebuffer').pipe(new PassThrough())) {
    yield decoder.write(chunk as Buffer)
    await nextTurn()
  }
  const rest = decoder.end()
  if (rest) yield rest
}

const entry = (file: JSZip.JSZipObject) => Readable.from(paced(file))
const unpackedSize = (f: JSZip.JSZipObject) => (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0

export interface OpenWorkbook {
  sheetNames: string[]
  /** Rows of a sheet in order (nothing for a sheet that is not there); the caller stops when it has enough. */
  rows(name: string): AsyncGenerator<ExcelJS.Row>
}

export async function openWorkbook(data: Buffer): Promise<OpenWorkbook> {
  let zip: JSZip
  try {
    zip = await JSZip.loadAsync(data)
  } catch {
    throw new WorkbookError('无法读取文件：请上传 .xlsx 工作簿')
  }
  const total = Object.values(zip.files).reduce((n, f) => n + unpackedSize(f), 0)
  if (total > MAX_UNPACKED_BYTES) throw new WorkbookError(`文件解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB，请分批导入`)
  const book = zip.file('xl/workbook.xml')
  const rels = zip.file('xl/_rels/workbook.xml.rels')
  if (!book || !rels) throw new WorkbookError('无法读取文件：请上传 .xlsx 工作簿')

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as unknown as Readable, {
    sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore',
  }) as unknown as ReaderInternals
  try {
    await reader._parseRels(entry(rels))
    await reader._parseWorkbook(entry(book))
    const strings = zip.file('xl/sharedStrings.xml')
    if (strings) for await (const _ of reader._parseSharedStrings(entry(strings))) { /* cached on the reader */ }
    else reader.sharedStrings = []
    const styles = zip.file('xl/styles.xml')
    if (styles) await reader._parseStyles(entry(styles))
  } catch {
    throw new WorkbookError('无法读取文件：工作簿内容已损坏')
  }
  const sheets = (reader.model?.sheets ?? []).map((s) => {
    const target = reader.workbookRels?.find((r) => r.Id === s.rId)?.Target ?? ''
    return { name: s.name, path: target.startsWith('/') ? target.slice(1) : `xl/${target}` }
  })

  return {
    sheetNames: sheets.map((s) => s.name),
    async *rows(name) {
      const sheet = sheets.find((s) => s.name === name)
      const file = sheet && zip.file(sheet.path)
      const sheetNo = sheet && /sheet(\d+)\.xml$/.exec(sheet.path)?.[1]
      if (!file || !sheetNo) return
      const [{ value: rows }] = [...reader._parseWorksheet(paced(file), sheetNo)]
      const it = rows[Symbol.asyncIterator]()
      for (;;) {
        let next: IteratorResult<ExcelJS.Row>
        try {
          next = await it.next()
        } catch {
          throw new WorkbookError(`无法读取工作表「${name}」：内容已损坏`)
        }
        if (next.done) return
        yield next.value
      }
    },
  }
}
