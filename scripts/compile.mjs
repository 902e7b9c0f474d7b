// The server as plain JavaScript: src/**/*.ts transpiled by esbuild (types stripped, one file per file, no bundling)
// into dist/server-<stamp>/, where <stamp> is the newest source's modification time. npm start runs it without
// compiling TypeScript at run time (faster to start, less memory); it builds it here first when the sources are newer
// (about a second). Type-checking stays `npm run typecheck`; tests run the TypeScript directly.
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

/** The entry (dist/server-<stamp>/main.js) for the sources as they are now, built if needed; undefined if it cannot be. */
export async function compiledServer(log = console) {
  const all = files(src)
  const stamp = Math.floor(Math.max(...all.map((f) => fs.statSync(f).mtimeMs), fs.statSync(path.join(root, 'package.json')).mtimeMs))
  const out = path.join(dist, `server-${stamp}`)
  const entry = path.join(out, 'main.js')
  if (fs.existsSync(entry)) return entry
  let esbuild
  try { esbuild = await import('esbuild') } catch { return undefined }
  const tmp = `${out}.tmp-${process.pid}`
  try {
    const t0 = performance.now()
    await esbuild.build({
      entryPoints: all.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')), outdir: tmp, outbase: src,
      format: 'esm', platform: 'node', target: 'node20', supported: { 'import-attributes': true }, logLevel: 'warning',
    })
    for (const f of all.filter((f) => !f.endsWith('.ts'))) { // worker-boot.mjs and the like, next to their modules
      const to = path.join(tmp, path.relative(src, f))
      fs.mkdirSync(path.dirname(to), { recursive: true })
      fs.copyFileSync(f, to)
    }
    try { fs.renameSync(tmp, out) } catch { fs.rmSync(tmp, { recursive: true, force: true }) } // built meanwhile by another start
    log.log(`编译服务端 compiled the server to ${path.relative(root, out)} in ${Math.round(performance.now() - t0)} ms`)
    sweep(out)
    return fs.existsSync(entry) ? entry : undefined
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
