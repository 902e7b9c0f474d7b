// The SMS providers' stand-in in a process of its own for bench:sms (tests/helpers/sms-standin.ts): prints its URL.
import { startSmsStandin } from '../tests/helpers/sms-standin.js'

const s = await startSmsStandin()
process.stdout.write(`${s.url}\n`)
process.on('SIGTERM', () => { void s.close().then(() => process.exit(0)) })
