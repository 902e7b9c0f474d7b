// A photo the phone already brought down keeps its image data: only its metadata segments (EXIF with GPS, comments)
// are cut out; one that needs turning, is too large or carries a colour profile is decoded and re-encoded as before;
// a damaged one is still refused (400 naming body.file).
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { stripJpegMetadata } from '../../src/domain/jpeg-markers.js'
import { normalise } from '../../src/features/materials/normalise.js'
import { photo } from '../helpers/materials.js'

const gps = { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 30/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 18/1 0/1' } }
const upright = (w = 1240, h = 1754) => sharp({ create: { width: w, height: h, channels: 3, background: '#8a6' } }).jpeg({ quality: 80 }).withExif(gps).toBuffer()
const scan = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])))

describe('JPEG metadata without re-encoding', () => {
  it('cuts EXIF (with GPS) and keeps the image data byte for byte', async () => {
    const input = await upright()
    expect((await sharp(input).metadata()).exif).toBeDefined()
    const out = stripJpegMetadata(input)!
    expect((await sharp(out).metadata()).exif).toBeUndefined()
    expect(scan(out).equals(scan(input))).toBe(true)
    expect(stripJpegMetadata(Buffer.from('not a jpeg'))).toBeUndefined()
    expect(stripJpegMetadata(input.subarray(0, 40))).toBeUndefined() // cut before the scan
  })

  it('normalise takes the short way for a small upright photo and the long way otherwise', async () => {
    const small = await upright()
    const n = await normalise('image/jpeg', small)
    expect(scan(n.data).equals(scan(small))).toBe(true) // not re-encoded
    expect((await sharp(n.data).metadata()).exif).toBeUndefined()
    expect(n).toMatchObject({ width: 1240, height: 1754 })
    expect((await sharp(n.thumb!).metadata()).height).toBe(320)

    const turned = await normalise('image/jpeg', await photo(600, 300)) // EXIF orientation 6: decoded, turned upright
    expect(turned).toMatchObject({ width: 300, height: 600 })
    const large = await normalise('image/jpeg', await upright(3000, 2000))
    expect(large).toMatchObject({ width: 2480, height: 1653 })
    expect((await sharp(large.data).metadata()).exif).toBeUndefined()
  })

  it('a damaged photo is still refused', async () => {
    const input = await upright()
    const damaged = Buffer.concat([input.subarray(0, Math.floor(input.length * 0.6))])
    await expect(normalise('image/jpeg', damaged)).rejects.toMatchObject({ details: [{ field: 'body.file' }] })
  })
})
