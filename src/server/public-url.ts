// PUBLIC_URL: the address citizens reach the server at. QR codes, SMS links and printed notices carry it, so a
// notice printed on a window PC (which reaches the server as 127.0.0.1) still opens on a citizen's phone.
import { Type } from 'typebox'
import type { Config } from '../config.js'
import type { App } from '../kernel/context.js'
import { SHORT_LINK_PATH } from '../domain/message-kinds.js'

/** What start-up says about the public address: unset outside the demo, or not https (phones need it). */
export function publicUrlWarnings(config: Pick<Config, 'publicUrl' | 'demo'>): string[] {
  if (!config.publicUrl) {
    return config.demo ? [] : ['未设置 PUBLIC_URL: 二维码、短信链接和打印的告知书将使用办事员浏览器的地址 (set PUBLIC_URL=https://your.district.address)']
  }
  if (!config.publicUrl.startsWith('https://')) {
    return [`PUBLIC_URL 不是 https (${config.publicUrl}): 手机上的代办员离线页面和摄像头需要 HTTPS，请在前面放一个反向代理 (see README, TLS)`]
  }
  return []
}

/** The district's fixed short link (filed in every SMS template): PUBLIC_URL/p. */
export const shortLink = (publicUrl: string | undefined) => `${publicUrl ?? 'https://<PUBLIC_URL>'}${SHORT_LINK_PATH}`

/** The short link (PUBLIC_URL/p → the progress page) and the public address for the web pages' QR codes. */
export function publicUrlRoutes(app: App, config: Pick<Config, 'publicUrl'>): void {
  app.get(SHORT_LINK_PATH, { schema: { hide: true } }, async (_req, reply) => reply.redirect('/progress', 302))
  app.get('/api/public/site', {
    schema: {
      tags: ['running'], summary: '公开地址 the public address QR codes and printed notices carry (PUBLIC_URL; null: the browser\'s own address)',
      response: { 200: Type.Object({ publicUrl: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=300')
    return { publicUrl: config.publicUrl ?? null }
  })
}
