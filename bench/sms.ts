// bench:sms — messages per second through each SMS provider sender (Alibaba Cloud, Tencent Cloud) against the
// providers' stand-in running in a process of its own (it checks every signature, as in the tests), 32 in flight,
// against the log sender (pino into /dev/null) in the same run. Everything stays on 127.0.0.1.
import { spawn } from 'node:child_process'
import pino from 'pino'
import { providerSender } from '../src/features/messages/providers/choose.js'
import { logSender, type OutgoingMessage, type Sender } from '../src/features/messages/sender.js'
import { STANDIN, standinTemplates } from '../tests/helpers/sms-standin.js'
import { fmt, writeSection } from './lib.js'

const IN_FLIGHT = 32
const MESSAGES = Number(process.env.SMS_MESSAGES ?? 6000)
const WARMUP = 500

const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sms-standin.ts'], { stdio: ['ignore', 'pipe', 'inherit'] })
const url = await new Promise<string>((resolve, reject) => {
  child.stdout!.once('data', (d) => resolve(String(d).trim()))
  child.once('exit', (code) => reject(new Error(`stand-in exited ${code}`)))
})

const message = (i: number): OutgoingMessage => ({
  id: i, caseId: i, phone: `138${String(i % 100_000_000).padStart(8, '0')}`, templateKey: 'accepted',
  params: { number: `D01-2026-${String(i).padStart(7, '0')}`, code: 'ABC123', due: '2026-12-21' },
  body: `【一站】您申请的“某事项”已受理，办件编号D01-2026-${i}，查询码ABC123，承诺2026-12-21前办结。`,
})

/** Sends `n` messages with IN_FLIGHT at a time; messages per second and failures. */
async function run(sender: Sender, n: number) {
  let next = 0
  let failed = 0
  const t0 = performance.now()
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < n) {
      const i = next++
      try { await sender.send(message(i)) } catch { failed += 1 }
    }
  }))
  return { perSecond: n / ((performance.now() - t0) / 1000), failed }
}

const sender = (provider: 'aliyun' | 'tencent') => providerSender({
  provider, keyId: STANDIN.keyId, keySecret: STANDIN.keySecret, signName: STANDIN.signName, sdkAppId: STANDIN.sdkAppId,
  region: 'ap-guangzhou', endpoint: url, templates: standinTemplates(provider),
})
const senders: [string, Sender][] = [
  ['log (pino → /dev/null)', logSender(pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false })))],
  ['aliyun (RPC, HMAC-SHA1)', sender('aliyun')],
  ['tencent (TC3-HMAC-SHA256)', sender('tencent')],
]
const rows: string[] = []
let logRate = 0
try {
  for (const [name, s] of senders) {
    await run(s, WARMUP)
    const r = await run(s, MESSAGES)
    if (name.startsWith('log')) logRate = r.perSecond
    console.log(`${name}: ${fmt(r.perSecond, 0)} messages/s, ${r.failed} failed`)
    rows.push(`| ${name} | ${fmt(r.perSecond, 0)} | ${logRate ? fmt(r.perSecond / logRate, 3) : '—'} | ${r.failed} |`)
  }
} finally {
  child.kill('SIGTERM')
}

writeSection('SMS senders (`npm run bench:sms`, issue 21)', `
${MESSAGES} messages per sender after ${WARMUP} to warm up, ${IN_FLIGHT} in flight, on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, 2 cores shared with the stand-in. The provider senders sign each request (Alibaba's RPC HMAC-SHA1 over the sorted, percent-encoded parameters; Tencent's TC3-HMAC-SHA256 with its derived key) and POST it over loopback HTTP to the providers' stand-in in a process of its own, which recomputes every signature, checks the parameters and the template's variables, and answers as the provider does. The log sender writes one pino line per message.

| sender | messages/s | ratio to the log sender | failed |
| --- | --- | --- | --- |
${rows.join('\n')}

The stand-in answers at once, so these rates are the senders' own cost (signing, HTTP over loopback) with the stand-in's checks on the other core; with a real provider its round trip over the internet and the account's rate limits decide. The outbox worker sends one message per transaction in order (SKIP LOCKED lets several processes share the queue), so one worker process sends about one message per provider round trip.
`)
