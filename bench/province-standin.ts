// The stand-in province in a process of its own for bench:exchange (tests/helpers/province-standin.ts): prints its URL.
// PROVINCE_MAPPING: national (default) or dzjc; PROVINCE_HMAC_KEY, PROVINCE_SM4_KEY: what it checks and decrypts.
import { mappingFrom } from '../src/domain/exchange-mapping.js'
import { startProvinceStandin } from '../tests/helpers/province-standin.js'

const s = await startProvinceStandin({
  mapping: mappingFrom({ builtin: process.env.PROVINCE_MAPPING ?? 'national' }), hmacKey: process.env.PROVINCE_HMAC_KEY || undefined,
  sm4Key: process.env.PROVINCE_SM4_KEY ? Buffer.from(process.env.PROVINCE_SM4_KEY, 'hex') : undefined,
})
process.stdout.write(`${s.url}\n`)
process.on('SIGTERM', () => { void s.close().then(() => process.exit(0)) })
