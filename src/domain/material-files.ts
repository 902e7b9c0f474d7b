// What an electronic material may be: JPEG, PNG or PDF, recognised by its first bytes, and agreeing with the type
// and name it was sent under (a PNG named .pdf is refused: "not what it says"); the per-file and per-case limits.
export type MaterialMime = 'image/jpeg' | 'image/png' | 'application/pdf'

const MAGIC: { mime: MaterialMime; bytes: number[]; ext: string[] }[] = [
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff], ext: ['.jpg', '.jpeg'] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ext: ['.png'] },
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], ext: ['.pdf'] },
]

/** The kind the bytes are, or undefined for anything else. */
export function sniffMaterial(data: Uint8Array): MaterialMime | undefined {
  return MAGIC.find((k) => data.length >= k.bytes.length && k.bytes.every((b, i) => data[i] === b))?.mime
}

/** Why the file is not what it says (its declared type or its name's extension names another kind), or undefined. */
export function mismatch(sniffed: MaterialMime, declaredType: string | undefined, fileName: string): string | undefined {
  const declared = (declaredType ?? '').split(';')[0].trim().toLowerCase()
  const generic = declared === '' || declared === 'application/octet-stream'
  if (!generic && declared !== sniffed && !(declared === 'image/jpg' && sniffed === 'image/jpeg')) return `文件内容是 ${sniffed}，与声明的类型 ${declared} 不符`
  const dot = fileName.lastIndexOf('.')
  const ext = dot >= 0 ? fileName.slice(dot).toLowerCase() : ''
  const known = MAGIC.find((k) => k.ext.includes(ext))
  if (known && known.mime !== sniffed) return `文件内容是 ${sniffed}，与文件名 ${ext} 不符`
  return undefined
}

export interface MaterialLimits { fileBytes: number; caseBytes: number; caseFiles: number }

/** Why one more file of `size` bytes breaks a limit (413), given what the case holds already; undefined if it fits. */
export function overLimit(limits: MaterialLimits, held: { bytes: number; files: number }, size: number): string | undefined {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`
  if (size > limits.fileBytes) return `单个文件不得超过 ${mb(limits.fileBytes)}`
  if (held.files + 1 > limits.caseFiles) return `每件最多 ${limits.caseFiles} 个电子材料`
  if (held.bytes + size > limits.caseBytes) return `每件电子材料合计不得超过 ${mb(limits.caseBytes)}`
  return undefined
}
