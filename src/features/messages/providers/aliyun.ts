// Alibaba Cloud SMS (dysmsapi, API version 2017-05-25, SendSms) over its documented RPC API: parameters sorted and
// percent-encoded (RFC 3986, only A-Z a-z 0-9 - _ . ~ literal), StringToSign = METHOD&%2F&encode(query),
// Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)). Checked against the documented example.
import crypto from 'node:crypto'
import { isMessageKind, templateValues, MESSAGE_KINDS } from '../../../domain/message-kinds.js'
import { postJson, refOf, SendError, type Sender } from '../sender.js'

export interface AliyunOptions {
  accessKeyId: string
  accessKeySecret: string
  signName: string
  /** Template code per message kind (SMS_123456789). */
  templates: Record<string, string>
  endpoint?: string
}

export const ALIYUN_ENDPOINT = 'https://dysmsapi.aliyuncs.com/'

export const percentEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params).sort().map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`).join('&')
}

export function aliyunSignature(secret: string, method: string, params: Record<string, string>): string {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`
  return crypto.createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64')
}

/** Codes that mean "too many, later": the provider's flow control per number, per account or per second. */
const THROTTLED = /^(isv\.BUSINESS_LIMIT_CONTROL|isv\.DAY_LIMIT_CONTROL|Throttling(\..*)?|ServiceUnavailable)$/

export function aliyunSender(o: AliyunOptions): Sender {
  const url = o.endpoint || ALIYUN_ENDPOINT
  return {
    name: 'aliyun', real: true,
    async send(m) {
      if (!isMessageKind(m.templateKey) || !o.templates[m.templateKey]) throw new SendError('rejected', `no template code for ${m.templateKey}`)
      const vars = templateValues(m.templateKey, m.params ?? {})
      const params: Record<string, string> = {
        AccessKeyId: o.accessKeyId, Action: 'SendSms', Format: 'JSON', RegionId: 'cn-hangzhou',
        SignatureMethod: 'HMAC-SHA1', SignatureNonce: crypto.randomUUID(), SignatureVersion: '1.0',
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), Version: '2017-05-25',
        PhoneNumbers: m.phone, SignName: o.signName, TemplateCode: o.templates[m.templateKey],
        TemplateParam: JSON.stringify(Object.fromEntries(MESSAGE_KINDS[m.templateKey].vars.map((v, i) => [v, vars[i]]))),
        OutId: refOf(m),
      }
      const body = `Signature=${percentEncode(aliyunSignature(o.accessKeySecret, 'POST', params))}&${canonicalQuery(params)}`
      const { status, json } = await postJson(url, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })
      const code = String(json?.Code ?? '')
      if (code === 'OK') return { receipt: json.BizId ?? null }
      const message = `${code || `HTTP ${status}`}: ${json?.Message ?? ''}`.slice(0, 300)
      if (THROTTLED.test(code)) throw new SendError('throttled', message, code)
      // isv.* is the provider refusing this message (number, template, signature, parameters): retrying cannot help.
      if (code.startsWith('isv.')) throw new SendError('rejected', message, code)
      throw new SendError('transient', message, code)
    },
  }
}
