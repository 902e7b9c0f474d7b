// The server as plain JavaScript: src/**/*.ts transpiled by esbuild (types stripped, one file per file) into
// dist/server-<stamp>/, where <stamp> is the newest source's modification time, and src/main.ts bundled from those
// sources into dist/server-<stamp>/bundle/ (what npm start runs). npm start runs it without compiling TypeScript at run
// time (faster to start, less memory); it builds it here first when the sources are newer (a second or two).
// Type-checking stays `npm run typecheck`; tests run the TypeScript directly.
//
// Why a bundle: loading ~250 files of our own and the ~1,000 small ESM files of kysely and typebox, one by one, was
// most of the start-up's CPU (resolving, opening, linking each); bundled, the same modules load in ~40 % less CPU and
// ~15 MiB less memory. The bundle is split at the server's dynamic imports (what start.ts loads while the database
// starts, exceljs on first use, …), so nothing loads earlier than before. Other packages stay outside (native
// addons, files read next to their code, CommonJS). A module of ours that finds files next to itself
// (new URL(…, import.meta.url): the Excel worker) is not bundled: the bundle imports it from the one-file-per-file build.
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const src = path.join(root, 'src')
const dist = path.join(root, 'dist')

function files(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) files(p, out)
    else out.push(p)
  }
  return out
}

/** Packages bundled into the server: plain ESM of many small files, no native code, no files read beside them. */
const INLINE_PACKAGES = new Set(['kysely', 'typebox'])

/** esbuild plugin: every other package stays an import; a module of ours finding files next to itself (new URL(…,
 * import.meta.url)) is imported from the one-file-per-file build (`perFile`, relative to the bundle's folder) so that
 * its URL stays where its files are. */
function outside(perFile) {
  return {
    name: 'yizhan-outside',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (a) => {
        if (a.path.startsWith('node:')) return { path: a.path, external: true }
        const name = a.path.startsWith('@') ? a.path.split('/').slice(0, 2).join('/') : a.path.split('/')[0]
        return INLINE_PACKAGES.has(name) ? undefined : { path: a.path, external: true }
      })
      b.onResolve({ filter: /^\./ }, (a) => {
        if (!a.importer.startsWith(src + path.sep)) return undefined
        const file = path.resolve(path.dirname(a.importer), a.path.replace(/\.js$/, '.ts'))
        if (!file.startsWith(src + path.sep) || !fs.existsSync(file) || !/new URL\([^)]*import\.meta\.url/.test(fs.readFileSync(file, 'utf8'))) return undefined
        return { path: path.posix.join(perFile, path.relative(src, file).split(path.sep).join('/').replace(/\.ts$/, '.js')), external: true }
      })
    },
  }
}

/** The entry (dist/server-<stamp>/bundle/main.js, or main.js of the one-file-per-file build when the bundle cannot be
 * made) for the sources as they are now, built if needed; undefined if it cannot be. */
export async function compiledServer(log = console) {
  const all = files(src)
  // This script is part of the stamp too: a change in how the server is built builds it again.
  const stamp = Math.floor(Math.max(...[...all, path.join(root, 'package.json'), import.meta.filename].map((f) => fs.statSync(f).mtimeMs)))
  const out = path.join(dist, `server-${stamp}`)
  const bundled = path.join(out, 'bundle', 'main.js')
  if (fs.existsSync(bundled)) return bundled
  const entry = path.join(out, 'main.js')
  if (fs.existsSync(entry)) return entry
  let esbuild
  try { esbuild = await import('esbuild') } catch { return undefined }
  const tmp = `${out}.tmp-${process.pid}`
  try {
    const t0 = performance.now()
    const common = { format: 'esm', platform: 'node', target: 'node20', supported: { 'import-attributes': true }, logLevel: 'warning' }
    await esbuild.build({ ...common, entryPoints: all.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')), outdir: tmp, outbase: src })
    try {
      await esbuild.build({
        ...common, entryPoints: [path.join(src, 'main.ts')], outdir: path.join(tmp, 'bundle'), bundle: true, splitting: true,
        entryNames: '[name]', chunkNames: 'chunk-[hash]', plugins: [outside('..')],
      })
    } catch (e) {
      fs.rmSync(path.join(tmp, 'bundle'), { recursive: true, force: true })
      log.warn(`服务端打包失败, 改为逐文件运行 (could not bundle the server, running it file by file: ${e.message})`)
    }
    for (const f of all.filter((f) => !f.endsWith('.ts'))) { // worker-boot.mjs and the like, next to their modules
      const to = path.join(tmp, path.relative(src, f))
      fs.mkdirSync(path.dirname(to), { recursive: true })
      fs.copyFileSync(f, to)
    }
    try { fs.renameSync(tmp, out) } catch { fs.rmSync(tmp, { recursive: true, force: true }) } // built meanwhile by another start
    log.log(`编译服务端 compiled the server to ${path.relative(root, out)} in ${Math.round(performance.now() - t0)} ms`)
    sweep(out)
    return fs.existsSync(bundled) ? bundled : fs.existsSync(entry) ? entry : undefined
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true })
    log.warn(`服务端编译失败, 改为直接运行 TypeScript (could not compile the server: ${e.message})`)
    return undefined
  }
}

/** Older builds go after a week (a server started from one may still load its modules lazily, e.g. the Excel worker). */
function sweep(keep) {
  for (const name of fs.readdirSync(dist)) {
    const p = path.join(dist, name)
    if (p !== keep && name.startsWith('server-') && Date.now() - fs.statSync(p).mtimeMs > 7 * 86_400_000) fs.rmSync(p, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const entry = await compiledServer()
  if (!entry) process.exit(1)
  console.log(entry)
}
