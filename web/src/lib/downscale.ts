// Photos are brought down on the phone before they are stored or sent: the long side to about 2480 px (A4 at
// 300 dpi), JPEG at quality 0.85, so a 12-megapixel camera picture of 4-6 MB becomes about 0.5-1.5 MB. PDFs and
// images already small enough are kept as they are. The server normalises again (orientation, metadata).
export const LONG_SIDE = 2480

export async function downscale(file: Blob, name: string): Promise<{ blob: Blob; name: string }> {
  if (!/^image\/(jpeg|png)$/.test(file.type)) return { blob: file, name }
  let bitmap: ImageBitmap
  try { bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' }) } catch { return { blob: file, name } }
  const scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height))
  if (scale === 1 && file.size < 1.5 * 1024 * 1024) { bitmap.close(); return { blob: file, name } }
  const w = Math.round(bitmap.width * scale), h = Math.round(bitmap.height * scale)
  const canvas = document.createElement('canvas')
  canvas.width = w; canvas.height = h
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, w, h)
  bitmap.close()
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', 0.85))
  return { blob, name: name.replace(/\.(png|jpe?g)$/i, '') + '.jpg' }
}
