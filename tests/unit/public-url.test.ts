// PUBLIC_URL and the SMS settings as start-up reads them: clear refusals naming the variable, and the warnings.
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { publicUrlWarnings } from '../../src/server/public-url.js'

describe('PUBLIC_URL', () => {
  it('is read without its trailing slash; anything but an absolute http(s) address is refused by name', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://zwfw.example.gov.cn/' }).publicUrl).toBe('https://zwfw.example.gov.cn')
    expect(loadConfig({}).publicUrl).toBeUndefined()
    expect(() => loadConfig({ PUBLIC_URL: 'zwfw.example.gov.cn' })).toThrow(/PUBLIC_URL/)
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x.cn' })).toThrow(/PUBLIC_URL/)
  })
  it('start-up warns when it is unset outside the demo and when it is not https', () => {
    expect(publicUrlWarnings({ demo: true, publicUrl: undefined })).toEqual([])
    expect(publicUrlWarnings({ demo: false, publicUrl: undefined })[0]).toMatch(/未设置 PUBLIC_URL/)
    expect(publicUrlWarnings({ demo: false, publicUrl: 'http://10.0.0.5:3000' })[0]).toMatch(/不是 https/)
    expect(publicUrlWarnings({ demo: true, publicUrl: 'http://10.0.0.5:3000' })[0]).toMatch(/不是 https/)
    expect(publicUrlWarnings({ demo: false, publicUrl: 'https://zwfw.example.gov.cn' })).toEqual([])
  })
})

describe('SMS_PROVIDER', () => {
  const templates = Object.fromEntries(['ACCEPTED', 'CORRECTION', 'FORWARDED', 'DECIDED', 'READY', 'EXTENDED', 'SPECIAL', 'RECALCULATED', 'RATING_INVITE', 'COMMITMENT_REMINDER', 'DIGEST', 'CODE', 'RATING_INVITE_VISIT'].map((k, i) => [`SMS_TEMPLATE_${k}`, `SMS_${i}`]))
  it('unset is the log sender; an unknown provider is refused by name', () => {
    expect(loadConfig({}).sms).toEqual({ provider: 'log' })
    expect(() => loadConfig({ SMS_PROVIDER: 'twilio' })).toThrow(/SMS_PROVIDER/)
  })
  it('a provider needs its keys, signature and every template, and start-up names each missing one', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'aliyun', SMS_KEY_ID: 'id', SMS_KEY_SECRET: 's', SMS_SIGN_NAME: '某区政务' }))
      .toThrow(/SMS_TEMPLATE_ACCEPTED.*SMS_TEMPLATE_CODE/)
    expect(() => loadConfig({ SMS_PROVIDER: 'tencent', SMS_KEY_ID: 'id', SMS_KEY_SECRET: 's', SMS_SIGN_NAME: '某区政务', ...templates })).toThrow(/SMS_SDK_APP_ID/)
    const c = loadConfig({ SMS_PROVIDER: 'tencent', SMS_KEY_ID: 'id', SMS_KEY_SECRET: 's', SMS_SIGN_NAME: '某区政务', SMS_SDK_APP_ID: '1400', SMS_ENDPOINT: 'http://127.0.0.1:9/', ...templates }).sms
    expect(c).toMatchObject({ provider: 'tencent', sdkAppId: '1400', region: 'ap-guangzhou', endpoint: 'http://127.0.0.1:9/', templates: { accepted: 'SMS_0', special: 'SMS_6', code: 'SMS_11' } })
  })
})

describe('METRICS_TOKEN and METRICS_LISTEN', () => {
  it('a short token and a malformed address are refused by name', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/)
    expect(loadConfig({ METRICS_TOKEN: '0123456789abcdef01' }).metricsToken).toBe('0123456789abcdef01')
    expect(loadConfig({ METRICS_LISTEN: '10.0.0.5:9464' }).metricsListen).toEqual({ host: '10.0.0.5', port: 9464 })
    expect(loadConfig({ METRICS_LISTEN: '[::1]:9464' }).metricsListen).toEqual({ host: '::1', port: 9464 })
    expect(() => loadConfig({ METRICS_LISTEN: '9464' })).toThrow(/METRICS_LISTEN/)
    expect(loadConfig({}).metricsToken).toBeUndefined()
  })
})
