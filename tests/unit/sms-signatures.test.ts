// The providers' signatures against the examples their documentation publishes (not against our own stand-in).
import { describe, expect, it } from 'vitest'
import { aliyunSignature, canonicalQuery, percentEncode } from '../../src/features/messages/providers/aliyun.js'
import { e164, tc3Sign } from '../../src/features/messages/providers/tencent.js'
import { filedText, MESSAGE_KIND_KEYS, templateValues } from '../../src/domain/message-kinds.js'

describe('Alibaba Cloud RPC signature (HMAC-SHA1)', () => {
  const documented = {
    AccessKeyId: 'testid', Action: 'DescribeRegions', Format: 'XML', SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', SignatureVersion: '1.0', Timestamp: '2016-02-23T12:46:24Z', Version: '2014-05-26',
  }
  it('reproduces the documented example', () => {
    expect(canonicalQuery(documented)).toBe('AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1'
      + '&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26')
    expect(aliyunSignature('testsecret', 'GET', documented)).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=')
  })
  it('encodes what encodeURIComponent leaves alone, and spaces as %20', () => {
    expect(percentEncode("a!b'c(d)e*f g~")).toBe('a%21b%27c%28d%29e%2Af%20g~')
    expect(percentEncode('一站')).toBe('%E4%B8%80%E7%AB%99')
  })
})

describe('Tencent Cloud TC3-HMAC-SHA256', () => {
  it('reproduces the documented example (CVM DescribeInstances, 2019-02-25)', () => {
    const s = tc3Sign({
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', service: 'cvm', host: 'cvm.tencentcloudapi.com', timestamp: 1551113065,
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    })
    expect(s.stringToSign).toBe('TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031')
    expect(s.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168')
  })
  it('writes mainland numbers in E.164', () => {
    expect(e164('13800138000')).toBe('+8613800138000')
    expect(e164('+85261234567')).toBe('+85261234567')
  })
})

describe('message kinds', () => {
  it('every kind names its variables in its template, and Tencent numbers them in order', () => {
    for (const k of MESSAGE_KIND_KEYS) {
      const ali = filedText(k, 'aliyun', 'https://yz.example.gov.cn/p')
      const tc = filedText(k, 'tencent', 'https://yz.example.gov.cn/p')
      expect(tc).not.toMatch(/\$\{/)
      expect(ali).not.toContain('{link}')
      expect((tc.match(/\{\d\}/g) ?? []).length).toBe((ali.match(/\$\{[a-z]+\}/g) ?? []).length)
    }
    expect(filedText('accepted', 'tencent', 'https://x/p')).toBe('您的办件{1}已受理，查询码{2}，承诺{3}前办结。查询进度：https://x/p')
    expect(templateValues('ready', { number: 'A1', center: '城关镇', code: 'x' })).toEqual(['A1', '城关镇'])
  })
})

describe('docs/SMS-TEMPLATES.md', () => {
  it('lists every kind with its filed text for both providers, exactly as the code sends it', async () => {
    const fs = await import('node:fs')
    const doc = fs.readFileSync(new URL('../../docs/SMS-TEMPLATES.md', import.meta.url), 'utf8')
    for (const k of MESSAGE_KIND_KEYS) {
      expect(doc).toContain(`\`${filedText(k, 'aliyun', '<PUBLIC_URL>/p')}\``)
      expect(doc).toContain(`\`${filedText(k, 'tencent', '<PUBLIC_URL>/p')}\``)
      expect(doc).toContain(`SMS_TEMPLATE_${k.toUpperCase()}`)
    }
  })
})
