// Tencent Cloud SMS (API version 2021-01-11, SendSms) over its documented API 3.0: a JSON POST signed with
// TC3-HMAC-SHA256 (canonical request over content-type and host, key derived from "TC3" + SecretKey → date →
// service → "tc3_request"). Checked against the documented example.
import crypto from 'node:crypto'
import { isMessageKind, templateValues } from '../../../domain/message-kinds.js'
import { postJson, refOf, SendError, type Sender } from '../sender.js'

export interface TencentOptions {
  secretId: string
  secretKey: string
  sdkAppId: string
  signName: string
  /** Template id per message kind. */
  templates: Record<string, string>
  region?: string
  endpoint?: string
}

export const TENCENT_ENDPOINT = 'https://sms.tencentcloudapi.com/'
const CONTENT_TYPE = 'application/json; charset=utf-8'

const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex')
const hmac = (key: crypto.BinaryLike, s: string) => crypto.createHmac('sha256', key).update(s, 'utf8').digest()

/** The documented signature: `timestamp` in seconds; the date is its UTC day. */
export function tc3Sign(o: { secretKey: string; service: string; host: string; timestamp: number; payload: string }) {
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10)
  const canonicalRequest = ['POST', '/', '', `content-type:${CONTENT_TYPE}\nhost:${o.host}\n`, 'content-type;host', sha256(o.payload)].join('\n')
  const scope = `${date}/${o.service}/tc3_request`
  const stringToSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, sha256(canonicalRequest)].join('\n')
  const key = hmac(hmac(hmac(`TC3${o.secretKey}`, date), o.service), 'tc3_request')
  return { scope, canonicalRequest, stringToSign, signature: crypto.createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex') }
}

/** +86 for a mainland number written without its country code (E.164, as the API asks). */
export const e164 = (phone: string) => (phone.startsWith('+') ? phone : `+86${phone}`)

const THROTTLED = /^(RequestLimitExceeded|LimitExceeded)(\..*)?$/
/** The provider refusing this message (number, template, signature, parameters): retrying cannot help. */
const REJECTED = /^(InvalidParameter(Value)?\..*|FailedOperation\.(TemplateIncorrectOrUnapproved|SignatureIncorrectOrUnapproved|PhoneNumberInBlacklist|ContainSensitiveWord|MissingTemplateToModify)|UnsupportedOperation\..*)$/

function failure(code: string, message: string): SendError {
  if (THROTTLED.test(code)) return new SendError('throttled', message, code)
  if (REJECTED.test(code)) return new SendError('rejected', message, code)
  return new SendError('transient', message, code)
}

export function tencentSender(o: TencentOptions): Sender {
  const url = o.endpoint || TENCENT_ENDPOINT
  const host = new URL(url).host
  return {
    name: 'tencent', real: true,
    async send(m) {
      if (!isMessageKind(m.templateKey) || !o.templates[m.templateKey]) throw new SendError('rejected', `no template id for ${m.templateKey}`)
      const payload = JSON.stringify({
        PhoneNumberSet: [e164(m.phone)], SmsSdkAppId: o.sdkAppId, SignName: o.signName, TemplateId: o.templates[m.templateKey],
        TemplateParamSet: templateValues(m.templateKey, m.params ?? {}), SessionContext: refOf(m),
      })
      const timestamp = Math.floor(Date.now() / 1000)
      const s = tc3Sign({ secretKey: o.secretKey, service: 'sms', host, timestamp, payload })
      const { status, json } = await postJson(url, {
        headers: {
          'content-type': CONTENT_TYPE,
          authorization: `TC3-HMAC-SHA256 Credential=${o.secretId}/${s.scope}, SignedHeaders=content-type;host, Signature=${s.signature}`,
          'x-tc-action': 'SendSms', 'x-tc-timestamp': String(timestamp), 'x-tc-version': '2021-01-11', 'x-tc-region': o.region || 'ap-guangzhou',
        },
        body: payload,
      })
      const r = json?.Response
      if (r?.Error) throw failure(String(r.Error.Code), `${r.Error.Code}: ${r.Error.Message ?? ''}`.slice(0, 300))
      const one = r?.SendStatusSet?.[0]
      if (!one) throw new SendError('transient', `HTTP ${status}: no SendStatusSet`)
      if (one.Code === 'Ok') return { receipt: one.SerialNo ?? null }
      throw failure(String(one.Code), `${one.Code}: ${one.Message ?? ''}`.slice(0, 300))
    },
  }
}
