// Server-side normalisation of a photographed or scanned material with sharp (libvips, prebuilt for linux-x64/arm64,
// macOS and Windows on Node 20/22/24; see docs/MATERIAL-STORAGE.md for why and what it costs): the image is turned
// upright by its EXIF orientation, every metadata block (EXIF with GPS, XMP, IPTC, ICC) is dropped by re-encoding,
// the long side is brought down to 2480 px (A4 at 300 dpi) when larger, and a 320 px JPEG thumbnail is made.
// A PDF is stored as sent (its first bytes checked). An image that does not decode is a 400, not a 500.
import crypto from 'node:crypto'
import type SharpType from 'sharp'
import type { MaterialMime } from '../../domain/material-files.js'
import { errors } from '../../domain/errors.js'
import { stripJpegMetadata } from '../../domain/jpeg-markers.js'

export const LONG_SIDE = 2480
const THUMB_SIDE = 320
/** A decompression bomb (a tiny PNG of 100,000 × 100,000 pixels) is refused before decoding. */
const MAX_INPUT_PIXELS = 60_000_000

/** sharp (and libvips) load with the first image, not at start-up (start-up time and idle memory, issue 26). */
let loaded: Promise<typeof SharpType> | undefined
function loadSharp(): Promise<typeof SharpType> {
  return (loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.concurrency(1) // per image: requests run side by side on libuv's pool; two cores are shared with PostgreSQL
    sharp.cache(false)
    return sharp
  }))
}

export interface Normalised { data: Buffer; thumb: Buffer | null; width: number | null; height: number | null; sha256: string }

export async function normalise(mime: MaterialMime, input: Buffer): Promise<Normalised> {
  if (mime === 'application/pdf') {
    if (!input.subarray(-1024).includes('%%EOF')) throw errors.validation([{ field: 'body.file', message: 'PDF 文件不完整（缺少 %%EOF）' }])
    return { data: input, thumb: null, width: null, height: null, sha256: sha256(input) }
  }
  const sharp = await loadSharp()
  try {
    const fast = mime === 'image/jpeg' ? await alreadySmall(sharp, input) : undefined
    if (fast) return fast
    const base = () => sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate()
      .resize({ width: LONG_SIDE, height: LONG_SIDE, fit: 'inside', withoutEnlargement: true })
    const out = mime === 'image/png'
      ? await base().png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer({ resolveWithObject: true })
      : await base().jpeg({ quality: 82, chromaSubsampling: '4:2:0' }).toBuffer({ resolveWithObject: true })
    const thumb = await sharp(out.data).resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' }).jpeg({ quality: 70 }).toBuffer()
    return { data: out.data, thumb, width: out.info.width, height: out.info.height, sha256: sha256(out.data) }
  } catch (e) {
    throw errors.validation([{ field: 'body.file', message: `图片无法解码（${(e as Error).message.slice(0, 120)}）` }])
  }
}

/**
 * A JPEG the phone already brought down (upright, at most 2480 px, sRGB or grey, no colour profile) keeps its image
 * data: its metadata segments are cut out (stripJpegMetadata) and only the thumbnail is decoded (at 1/8 scale by
 * libjpeg), which also checks that it decodes. About a quarter of the CPU of a decode and re-encode (BENCHMARKS.md).
 */
async function alreadySmall(sharp: typeof SharpType, input: Buffer): Promise<Normalised | undefined> {
  const m = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()
  if (!m.width || !m.height || Math.max(m.width, m.height) > LONG_SIDE || (m.orientation ?? 1) !== 1 || m.icc || !['srgb', 'b-w'].includes(m.space ?? '')) return undefined
  const data = stripJpegMetadata(input)
  if (!data) return undefined
  const thumb = await sharp(data, { failOn: 'error' }).resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer()
  return { data, thumb, width: m.width, height: m.height, sha256: sha256(data) }
}

export function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex')
}
