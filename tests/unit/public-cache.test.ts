// ETag matching and Accept-Encoding parsing of the public caches: garbage never matches, nothing throws.
import { describe, expect, it } from 'vitest'
import { acceptsGzip, etagMatches } from '../../src/kernel/public-cache.js'

describe('etagMatches', () => {
  const tag = '"c12n3"'
  it('matches the tag, its weak form, its gzip twin, a list that names it, and *', () => {
    for (const h of [tag, `W/${tag}`, '"c12n3-gz"', 'W/"c12n3-gz"', `"a", ${tag}`, ` ${tag} ,"b"`, '*']) expect(etagMatches(h, tag), h).toBe(true)
  })
  it('does not match anything else, garbage included', () => {
    for (const h of [undefined, '', '"c12n4"', 'c12n3', '"c12n3', 'W/', ',,', '"c1"', '**', 'W/"c12n3-gz-gz"', '\u0000', 'x'.repeat(10_000)]) {
      expect(etagMatches(h, tag), String(h)).toBe(false)
    }
  })
})

describe('acceptsGzip', () => {
  it('reads the codings a client takes', () => {
    for (const h of ['gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.8', 'GZIP', '*', ['deflate', 'gzip']]) expect(acceptsGzip(h), String(h)).toBe(true)
    for (const h of [undefined, '', 'br', 'deflate', 'gzip;q=0', 'gzip; q=0.0', 'identity', 'gzipx', ';;;', 'gzip;q=abc']) expect(acceptsGzip(h), String(h)).toBe(false)
  })
})
