// npm start: build the web pages when they are missing or older than their sources, then run the server in this same
// process (so signals reach the graceful shutdown): its JavaScript from dist/ (scripts/compile.mjs, rebuilt when the
// sources are newer), or the TypeScript through tsx when that cannot be built or YIZHAN_TSX=1.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { compiledServer } from './compile.mjs'

const root = path.resolve(import.meta.dirname, '..')
const dist = path.join(root, 'web', 'dist', 'index.html')

function newest(p) {
  if (!fs.existsSync(p)) return 0
  const st = fs.statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))))
}

const sources = Math.max(newest(path.join(root, 'web', 'src')), newest(path.join(root, 'web', 'index.html')), newest(path.join(root, 'web', 'vite.config.ts')))
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js')
const stale = sources > 0 && (!fs.existsSync(dist) || fs.statSync(dist).mtimeMs < sources)
if (stale && process.env.YIZHAN_SKIP_WEB_BUILD !== '1') {
  if (!fs.existsSync(vite)) {
    console.warn('未安装 vite (npm install --omit=dev?)：网页未构建，只提供 API. Run `npm run build:web` where dev dependencies are installed.')
  } else {
    console.log('构建网页 building the web pages (vite)…')
    const r = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
    if (r.status !== 0) { console.error('网页构建失败 web build failed'); process.exit(1) }
  }
}

// pg asks whether it runs in a Cloudflare Worker when it loads: without a global `navigator` (Node 20) it builds a
// fetch Response to find out, which loads Node's whole fetch implementation (undici), ~0.3 s of start-up (over a
// second on a busy machine). A `navigator` of Node's own kind (Node 21+ has one) for that moment answers it.
if (typeof globalThis.navigator === 'undefined') {
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` }, configurable: true, writable: true })
  try { await import('pg') } finally { delete globalThis.navigator }
}

const compiled = process.env.YIZHAN_TSX === '1' ? undefined : await compiledServer()
if (compiled) await import(compiled)
else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/main.ts')
}
