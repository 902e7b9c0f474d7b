// Which sender start-up wires in, from SMS_PROVIDER: the log unless a provider is configured, and never a provider
// for the demo district or a database that holds its generated history (those phones are invented, and the history
// alone queues about 5,200 messages). Start-up says loudly when messages are not leaving the building.
import type { SmsConfig } from '../../../config.js'
import { logSender, type Sender } from '../sender.js'
import { aliyunSender } from './aliyun.js'
import { tencentSender } from './tencent.js'

type Log = { info(o: object | string, m?: string): void; warn(o: object | string, m?: string): void; error(o: object | string, m?: string): void }

export function providerSender(sms: Exclude<SmsConfig, { provider: 'log' }>): Sender {
  return sms.provider === 'aliyun'
    ? aliyunSender({ accessKeyId: sms.keyId, accessKeySecret: sms.keySecret, signName: sms.signName, templates: sms.templates, endpoint: sms.endpoint })
    : tencentSender({ secretId: sms.keyId, secretKey: sms.keySecret, sdkAppId: sms.sdkAppId, signName: sms.signName, templates: sms.templates, region: sms.region, endpoint: sms.endpoint })
}

/** The one sender of this process (outbox and hall codes), and the line start-up prints about it. */
export function chooseSender(sms: SmsConfig, log: Log, o: { demo: boolean; demoHistory: boolean }): { sender: Sender; notice: string | null } {
  if (sms.provider === 'log') {
    const notice = '短信未发出: 未配置短信服务商 (SMS_PROVIDER)，所有短信只写入日志 — SMS messages are NOT being sent'
    log.warn(notice)
    return { sender: logSender(log), notice }
  }
  if (o.demo || o.demoHistory) {
    const notice = `短信未发出: 演示数据不经短信服务商 ${sms.provider} 发送 (${o.demo ? 'YIZHAN_DEMO 未关闭' : '数据库含演示数据'})，短信只写入日志 — demo data never sends through a real provider`
    log.error(notice)
    return { sender: logSender(log), notice }
  }
  log.info(`短信服务商 SMS provider: ${sms.provider}${sms.endpoint ? ` (endpoint ${sms.endpoint})` : ''}, 签名 ${sms.signName}`)
  return { sender: providerSender(sms), notice: null }
}
