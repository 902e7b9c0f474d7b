// Multipart uploads of electronic materials and test images (a JPEG with EXIF orientation and GPS; a PNG).
import sharp from 'sharp'
import type { Client, TestApp } from './app.js'

export function multipart(fileName: string, data: Buffer, type = 'application/octet-stream') {
  const boundary = '----yizhan' + Math.random().toString(16).slice(2)
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`
  return { payload: Buffer.concat([Buffer.from(head, 'utf8'), data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` }
}

export function uploadFile(t: TestApp, c: Client, caseId: number, fileName: string, data: Buffer, type?: string, query = '') {
  const m = multipart(fileName, data, type)
  return t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/files${query}`, headers: { ...c.headers(true), 'content-type': m.contentType }, payload: m.payload })
}

/** A landscape photo taken with the phone turned (EXIF orientation 6) carrying a GPS position. */
export function photo(width = 600, height = 300, color = '#c33') {
  return sharp({ create: { width, height, channels: 3, background: color } }).jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 }).withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 30/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 18/1 0/1' } }).toBuffer()
}

export function png(width = 200, height = 100) {
  return sharp({ create: { width, height, channels: 3, background: '#36c' } }).png().toBuffer()
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
