// Reads the rows of the sheets of an uploaded .xlsx without loading the workbook, through ExcelJS's public streaming
// reader (stream.xlsx.WorkbookReader, worksheets iterated with for await): the zip's directory is read first (sizes
// checked before anything is inflated); for each sheet wanted, the reader is given a zip holding the parts in the
// order it needs them (relations, workbook, shared strings, styles, that sheet), so nothing is spilled to temp files,
// and it stops at a row cap. Each part is inflated chunk by chunk, handing the event loop back between chunks.
// ExcelJS decodes each chunk of a part on its own (a character cut by a chunk boundary would break), so the parts
// are handed over in ASCII: every other character written as an XML character reference, which the XML parser
// turns back into the same text.
import { PassThrough, Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type ExcelJS from 'exceljs'
import type JSZip from 'jszip'

/** Uncompressed bytes an upload may unpack to (a 20,000-row catalog is about 30 MB). */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024

/** The file is not a workbook we can read, or is too large; the message is for the user. */
export class WorkbookError extends Error {}

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

/** An entry as ASCII bytes: characters beyond ASCII as XML character references (&#x4E2D;). */
async function* ascii(file: JSZip.JSZipObject): AsyncGenerator<Buffer> {
  for await (const text of paced(file)) {
    // Relations written with absolute targets (/xl/worksheets/…) name their sheets like Excel's relative ones.
    const own = file.name.endsWith('.rels') ? text.replace(/Target="\/xl\//g, 'Target="') : text
    yield Buffer.from(own.replace(/[^\x00-\x7f]/gu, (c) => `&#x${c.codePointAt(0)!.toString(16)};`), 'latin1')
  }
}

const READER_OPTIONS = { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' } as const
const EMPTY_SHEET = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
const EMPTY_STRINGS = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'

/** ExcelJS's streaming reader over a zip of the given parts, in that order (stored, not compressed again). */
function reader({ Excel, Zip }: Libs, parts: [string, JSZip.JSZipObject | string][]) {
  const zip = new Zip()
  for (const [name, part] of parts) zip.file(name, typeof part === 'string' ? part : Readable.from(ascii(part)))
  const input = zip.generateNodeStream({ streamFiles: true, compression: 'STORE' }).pipe(new PassThrough())
  return new Excel.stream.xlsx.WorkbookReader(input, READER_OPTIONS)
}

/** exceljs and jszip, loaded on the first upload (exceljs is the heaviest module: start-up time, memory). */
interface Libs { Excel: typeof ExcelJS; Zip: typeof JSZip }
async function libs(): Promise<Libs> {
  const [{ default: Excel }, { default: Zip }] = await Promise.all([import('exceljs'), import('jszip')])
  return { Excel, Zip }
}

const unpackedSize = (f: JSZip.JSZipObject) => (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0

export interface OpenWorkbook {
  sheetNames: string[]
  /** Rows of a sheet in order (nothing for a sheet that is not there); the caller stops when it has enough. */
  rows(name: string): AsyncGenerator<ExcelJS.Row>
}

export async function openWorkbook(data: Buffer): Promise<OpenWorkbook> {
  const lib = await libs()
  let zip: JSZip
  try {
    zip = await lib.Zip.loadAsync(data)
  } catch {
    throw new WorkbookError('无法读取文件：请上传 .xlsx 工作簿')
  }
  const total = Object.values(zip.files).reduce((n, f) => n + unpackedSize(f), 0)
  if (total > MAX_UNPACKED_BYTES) throw new WorkbookError(`文件解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB，请分批导入`)
  const book = zip.file('xl/workbook.xml')
  const rels = zip.file('xl/_rels/workbook.xml.rels')
  if (!book || !rels) throw new WorkbookError('无法读取文件：请上传 .xlsx 工作簿')

  const sheetPaths = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
  const front: [string, JSZip.JSZipObject | string][] = [['xl/_rels/workbook.xml.rels', rels], ['xl/workbook.xml', book]]
  // The sheets' names: the reader names each sheet as it meets it; empty stand-ins spare reading their rows.
  // They come in the order given, so the i-th name is that of sheetPaths[i].
  const sheetNames: string[] = []
  try {
    for await (const sheet of reader(lib, [...front, ['xl/sharedStrings.xml', EMPTY_STRINGS], ...sheetPaths.map((p): [string, string] => [p, EMPTY_SHEET])])) {
      sheetNames.push((sheet as unknown as { name: string }).name)
    }
  } catch {
    throw new WorkbookError('无法读取文件：工作簿内容已损坏')
  }
  const strings = zip.file('xl/sharedStrings.xml')
  const styles = zip.file('xl/styles.xml')

  return {
    sheetNames,
    async *rows(name) {
      const at = sheetNames.indexOf(name)
      const file = at >= 0 ? zip.file(sheetPaths[at]) : null
      if (!file) return
      const wb = reader(lib, [...front, ['xl/sharedStrings.xml', strings ?? EMPTY_STRINGS], ...(styles ? [['xl/styles.xml', styles] as [string, JSZip.JSZipObject]] : []), [file.name, file]])
      try {
        for await (const sheet of wb) {
          for await (const row of sheet) yield row
        }
      } catch (e) {
        if (e instanceof WorkbookError) throw e
        throw new WorkbookError(`无法读取工作表「${name}」：内容已损坏`)
      }
    },
  }
}
