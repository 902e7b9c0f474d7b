// A local stand-in of the SMS providers' endpoints (Alibaba Cloud dysmsapi 2017-05-25 SendSms, Tencent Cloud SMS
// 2021-01-11 SendSms) on a random loopback port. It checks each request as the provider documents it, with its own
// implementation of the signature (not the sender's): parameters, signature, timestamp, a fresh nonce, a known
// template with exactly its variables. Answers are scripted per request: ok, throttled, rejected or an outage.
import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { MESSAGE_KINDS, type MessageKindKey } from '../../src/domain/message-kinds.js'

export type Answer = 'ok' | 'throttled' | 'rejected' | 'outage'
export interface Received { provider: 'aliyun' | 'tencent'; phone: string; kind: MessageKindKey; vars: Record<string, string>; ref: string; receipt: string | null; answer: Answer | 'bad_request'; problem?: string }

export const STANDIN = { keyId: 'LTAI-standin-id', keySecret: 'standin-secret', signName: '某区政务服务', sdkAppId: '1400000001' }
/** Template code (Alibaba) and id (Tencent) of each kind, as the stand-in's account has them approved. */
export const standinTemplates = (provider: 'aliyun' | 'tencent') =>
  Object.fromEntries(Object.keys(MESSAGE_KINDS).map((k, i) => [k, provider === 'aliyun' ? `SMS_10000${i}` : String(2000 + i)])) as Record<MessageKindKey, string>

const rfc3986 = (s: string) => Array.from(Buffer.from(s, 'utf8'), (b) => {
  const c = String.fromCharCode(b)
  return /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0')
}).join('')

class Bad extends Error {}
const must = (ok: unknown, problem: string) => { if (!ok) throw new Bad(problem) }

export async function startSmsStandin(opts: { answers?: Answer[]; delayMs?: number } = {}) {
  const script = [...(opts.answers ?? [])]
  const received: Received[] = []
  const nonces = new Set<string>()
  let serial = 0
  const next = (): Answer => script.shift() ?? 'ok'

  function aliyun(body: string): [number, object, Received] {
    const p = Object.fromEntries(new URLSearchParams(body))
    const fixed = { Action: 'SendSms', Version: '2017-05-25', Format: 'JSON', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', AccessKeyId: STANDIN.keyId, SignName: STANDIN.signName }
    for (const [k, v] of Object.entries(fixed)) must(p[k] === v, `${k}=${p[k]}`)
    must(p.RegionId, 'RegionId missing')
    must(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(p.Timestamp ?? '') && Math.abs(Date.parse(p.Timestamp) - Date.now()) < 15 * 60_000, `Timestamp ${p.Timestamp}`)
    must(p.SignatureNonce && !nonces.has(p.SignatureNonce), 'SignatureNonce reused')
    nonces.add(p.SignatureNonce)
    const { Signature, ...signed } = p
    const query = Object.keys(signed).sort().map((k) => `${rfc3986(k)}=${rfc3986(signed[k])}`).join('&')
    const expected = crypto.createHmac('sha1', STANDIN.keySecret + '&').update('POST&%2F&' + rfc3986(query)).digest('base64')
    if (Signature !== expected) return [400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.', RequestId: 'r' }, { provider: 'aliyun', answer: 'bad_request', problem: 'signature' } as Received]
    const kind = (Object.entries(standinTemplates('aliyun')).find(([, c]) => c === p.TemplateCode)?.[0]) as MessageKindKey | undefined
    must(kind, `TemplateCode ${p.TemplateCode}`)
    must(/^1[3-9]\d{9}$/.test(p.PhoneNumbers), `PhoneNumbers ${p.PhoneNumbers}`)
    const vars = JSON.parse(p.TemplateParam ?? '{}') as Record<string, string>
    must(JSON.stringify(Object.keys(vars).sort()) === JSON.stringify([...MESSAGE_KINDS[kind!].vars].sort()), `TemplateParam ${p.TemplateParam}`)
    const answer = next()
    const r: Received = { provider: 'aliyun', phone: p.PhoneNumbers, kind: kind!, vars, ref: p.OutId, receipt: null, answer }
    if (answer === 'outage') return [503, { Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.' }, r]
    if (answer === 'throttled') return [200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发号码天级流控Permits:10', RequestId: 'r' }, r]
    if (answer === 'rejected') return [200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: 'r' }, r]
    r.receipt = `9006197469364984${String(++serial).padStart(4, '0')}^0`
    return [200, { Code: 'OK', Message: 'OK', BizId: r.receipt, RequestId: crypto.randomUUID() }, r]
  }

  function tencent(req: http.IncomingMessage, body: string): [number, object, Received] {
    const h = req.headers
    must(h['x-tc-action'] === 'SendSms' && h['x-tc-version'] === '2021-01-11' && h['x-tc-region'], `X-TC headers ${h['x-tc-action']} ${h['x-tc-version']}`)
    must(h['content-type'] === 'application/json; charset=utf-8', `content-type ${h['content-type']}`)
    const ts = Number(h['x-tc-timestamp'])
    must(Math.abs(ts * 1000 - Date.now()) < 5 * 60_000, `X-TC-Timestamp ${ts}`)
    const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(String(h.authorization))
    must(m && m[1] === STANDIN.keyId && m[2] === new Date(ts * 1000).toISOString().slice(0, 10), `Authorization ${h.authorization}`)
    const hex = (s: string) => crypto.createHash('sha256').update(s).digest('hex')
    const canonical = `POST\n/\n\ncontent-type:${h['content-type']}\nhost:${h.host}\n\ncontent-type;host\n${hex(body)}`
    const toSign = `TC3-HMAC-SHA256\n${ts}\n${m![2]}/sms/tc3_request\n${hex(canonical)}`
    let key: Buffer = crypto.createHmac('sha256', 'TC3' + STANDIN.keySecret).update(m![2]).digest()
    key = crypto.createHmac('sha256', crypto.createHmac('sha256', key).update('sms').digest()).update('tc3_request').digest()
    if (crypto.createHmac('sha256', key).update(toSign).digest('hex') !== m![3]) {
      return [200, { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'The provided credentials could not be validated.' }, RequestId: 'r' } }, { provider: 'tencent', answer: 'bad_request', problem: 'signature' } as Received]
    }
    const p = JSON.parse(body)
    must(p.SmsSdkAppId === STANDIN.sdkAppId && p.SignName === STANDIN.signName, `SmsSdkAppId/SignName ${p.SmsSdkAppId} ${p.SignName}`)
    must(Array.isArray(p.PhoneNumberSet) && p.PhoneNumberSet.length === 1 && /^\+861[3-9]\d{9}$/.test(p.PhoneNumberSet[0]), `PhoneNumberSet ${p.PhoneNumberSet}`)
    const kind = (Object.entries(standinTemplates('tencent')).find(([, c]) => c === p.TemplateId)?.[0]) as MessageKindKey | undefined
    must(kind, `TemplateId ${p.TemplateId}`)
    const names = MESSAGE_KINDS[kind!].vars
    must(Array.isArray(p.TemplateParamSet) && p.TemplateParamSet.length === names.length && p.TemplateParamSet.every((v: unknown) => typeof v === 'string'), `TemplateParamSet ${p.TemplateParamSet}`)
    const answer = next()
    const r: Received = { provider: 'tencent', phone: p.PhoneNumberSet[0].slice(3), kind: kind!, vars: Object.fromEntries(names.map((n, i) => [n, p.TemplateParamSet[i]])), ref: p.SessionContext, receipt: null, answer }
    const status = (Code: string, Message: string) => [200, { Response: { SendStatusSet: [{ SerialNo: r.receipt ?? '', PhoneNumber: p.PhoneNumberSet[0], Fee: 1, SessionContext: p.SessionContext, Code, Message, IsoCode: 'CN' }], RequestId: crypto.randomUUID() } }, r] as [number, object, Received]
    if (answer === 'outage') return [200, { Response: { Error: { Code: 'InternalError.Timeout', Message: '请求下发短信超时' }, RequestId: 'r' } }, r]
    if (answer === 'throttled') return status('LimitExceeded.PhoneNumberThirtySecondLimit', '单个手机号30秒内下发短信条数超过设定的上限')
    if (answer === 'rejected') return status('InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误')
    r.receipt = `2645:${String(++serial).padStart(6, '0')}`
    return status('Ok', 'send success')
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const provider = req.headers['x-tc-action'] ? 'tencent' : 'aliyun'
      let out: [number, object, Received]
      try {
        must(req.method === 'POST' && req.url === '/', `${req.method} ${req.url}`)
        out = provider === 'tencent' ? tencent(req, body) : aliyun(body)
      } catch (e) {
        if (!(e instanceof Bad)) throw e
        out = provider === 'tencent'
          ? [200, { Response: { Error: { Code: 'InvalidParameter', Message: e.message }, RequestId: 'r' } }, { provider, answer: 'bad_request', problem: e.message } as Received]
          : [400, { Code: 'InvalidParameter', Message: e.message }, { provider, answer: 'bad_request', problem: e.message } as Received]
      }
      received.push(out[2])
      const send = () => { res.writeHead(out[0], { 'content-type': 'application/json' }); res.end(JSON.stringify(out[1])) }
      if (opts.delayMs) setTimeout(send, opts.delayMs)
      else send()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    received,
    /** The next answers, in order (then ok). */
    script(...answers: Answer[]) { script.push(...answers) },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
