// A JPEG's metadata removed without decoding it: the APP1–APP15 segments (EXIF with GPS, XMP, ICC, IPTC …) and
// comments are cut out between the start of image and the start of scan; the image data stays byte for byte. For a
// photo the phone already brought down (no rotation needed, small enough) this replaces a decode and re-encode. Pure.

/** The segments kept: everything but APPn (n ≥ 1) and COM. Undefined when the bytes are not a well-formed JPEG header. */
export function stripJpegMetadata(input: Buffer): Buffer | undefined {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== 0xd8) return undefined
  const parts: Buffer[] = [input.subarray(0, 2)]
  let i = 2
  while (i + 4 <= input.length) {
    if (input[i] !== 0xff) return undefined
    const marker = input[i + 1]
    if (marker === 0xff) { i += 1; continue } // fill byte
    if (marker === 0xda) { parts.push(input.subarray(i)); return Buffer.concat(parts) } // start of scan: the rest is image data
    if (marker === 0xd9 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) return undefined // no scan before these
    const length = input.readUInt16BE(i + 2)
    if (length < 2 || i + 2 + length > input.length) return undefined
    const metadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe
    if (!metadata) parts.push(input.subarray(i, i + 2 + length))
    i += 2 + length
  }
  return undefined
}
