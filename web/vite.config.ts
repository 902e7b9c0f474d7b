// Vite builds the web app from web/ into web/dist; the server (src/server/app.ts) serves it with an SPA fallback.
// In development `npm run dev` proxies the API to the server on :3000.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))
const api = 'http://127.0.0.1:3000'

/**
 * Writes name.gz and name.br beside every text asset, so a server that serves pre-compressed files
 * (@fastify/static `preCompressed: true`) sends phones a third of the bytes without compressing per request.
 */
function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'yizhan-precompress',
    apply: 'build',
    configResolved(c) { outDir = path.resolve(c.root, c.build.outDir) },
    async closeBundle() {
      const files = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(js|css|html|svg|json)$/.test(f)).map((f) => path.join(outDir, f))
      await Promise.all(files.map(async (file) => {
        const data = await fs.promises.readFile(file)
        if (data.length < 1024) return
        const br = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
        await fs.promises.writeFile(file + '.br', br)
        await fs.promises.writeFile(file + '.gz', zlib.gzipSync(data, { level: 9 }))
      }))
    },
  }
}

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': api, '/healthz': api },
  },
})
