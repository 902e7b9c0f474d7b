// `npm run check:deps`: the import graph (madge, type-only imports counted) has no circle in src or web/src, the
// layers import only what docs/ARCHITECTURE.md ("Layers") allows, and the feature folders (src/features/<name>/)
// import each other without a circle. Prints every circle and every forbidden import with its chain; exits 1 on any.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import madge from 'madge'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** One rule per layer: `from` (a path prefix) may import only `allow`, or anything but `deny`; `typeOnly` targets are
 * allowed through `import type` / `export type` only. Paths are relative to the repository. */
const RULES = [
  { from: 'src/domain/', deny: ['src/db/', 'src/kernel/', 'src/features/', 'src/server/', 'src/demo/', 'src/cli/'],
    why: 'pure rules import no other layer' },
  { from: 'src/db/migrations/', allow: ['src/db/migrations/'],
    why: 'a migration stays as written: it imports nothing that keeps changing' },
  { from: 'src/db/', except: 'src/db/migrations/', allow: ['src/db/', 'src/domain/', 'src/config.ts'], typeOnly: [/^src\/features\/[^/]+\/[^/]+\.tables\.ts$/],
    why: 'the database layer knows the domain, the config and (as types) the features\' table types' },
  { from: 'src/kernel/', allow: ['src/kernel/', 'src/domain/', 'src/db/', 'src/config.ts'],
    why: 'the shared kernel imports no feature and not the composition root' },
  { from: 'src/features/', deny: ['src/server/', 'src/demo/', 'src/cli/'],
    why: 'features never import the composition root, the demo or the command line' },
  { from: 'src/demo/', deny: ['src/server/', 'src/cli/'],
    why: 'the demo is made through the features, not the composition root' },
  { from: 'src/', except: ['src/server/', 'src/cli/', 'src/main.ts'], deny: ['src/server/'],
    why: 'only src/main.ts, src/cli (and scripts, tests, bench) import the composition root' },
]

/** Feature-folder circles allowed for now, each `a↔b` with the reason (none: keep it empty). */
const FEATURE_CIRCLES_ALLOWED = new Map([])

const under = (file, prefixes) => [prefixes].flat().some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p))

/** The specifiers a file imports with `import type` / `export type` only. */
function typeOnlySpecifiers(file) {
  const text = fs.readFileSync(path.join(root, file), 'utf8')
  const typed = new Set()
  for (const m of text.matchAll(/^\s*(?:import|export)\s+type\s[^'"]*?from\s+['"]([^'"]+)['"]/gms)) typed.add(m[1])
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/gms)) typed.delete(m[1])
  return typed
}

/** Whether every import of `to` in `from` is type-only. */
function importedAsTypeOnly(from, to) {
  return [...typeOnlySpecifiers(from)].some((s) => path.posix.join(path.posix.dirname(from), s).replace(/\.js$/, '.ts') === to)
}

const graph = (dir, extensions) => madge(path.join(root, dir), {
  baseDir: root, fileExtensions: extensions, detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
})

let failures = 0
const say = (line) => { failures += 1; console.log(line) }

/** The feature folders' graph (an arrow per folder pair, with its first file-level import as the example) and its
 * circles: one per strongly connected set of folders (Tarjan), walked from its first folder back to it. */
function featureCircles(obj) {
  const featureOf = (f) => /^src\/features\/([^/]+)\//.exec(f)?.[1]
  const arrows = new Map()
  for (const [from, deps] of Object.entries(obj)) {
    const a = featureOf(from)
    for (const to of a ? deps : []) {
      const b = featureOf(to)
      if (!b || b === a) continue
      if (!arrows.has(a)) arrows.set(a, new Map())
      if (!arrows.get(a).has(b)) arrows.get(a).set(b, `${from} → ${to}`)
    }
  }
  const next = (a) => [...(arrows.get(a)?.keys() ?? [])].sort()
  const index = new Map(), low = new Map(), stack = [], sets = []
  const visit = (v) => {
    index.set(v, index.size); low.set(v, index.get(v)); stack.push(v)
    for (const w of next(v)) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))) } else if (stack.includes(w)) low.set(v, Math.min(low.get(v), index.get(w)))
    }
    if (low.get(v) === index.get(v)) {
      const set = []
      for (let w; w !== v;) { w = stack.pop(); set.push(w) }
      if (set.length > 1) sets.push(set.sort())
    }
  }
  for (const v of [...arrows.keys()].sort()) if (!index.has(v)) visit(v)
  return sets.map((set) => {
    // The shortest way back to the set's first folder (breadth first inside the set).
    const start = set[0], from = new Map([[start, null]]), queue = [start]
    let end
    while (queue.length && !end) {
      const v = queue.shift()
      for (const w of next(v).filter((x) => set.includes(x))) {
        if (w === start) { end = v; break }
        if (!from.has(w)) { from.set(w, v); queue.push(w) }
      }
    }
    const path = [start]
    for (let v = end; v !== start; v = from.get(v)) path.splice(1, 0, v)
    return { set, path, edges: path.map((a, i) => { const b = path[(i + 1) % path.length]; return `${a} → ${b}: ${arrows.get(a).get(b)}` }) }
  })
}

for (const [dir, extensions] of [['src', ['ts']], ['web/src', ['ts', 'tsx']]]) {
  const res = await graph(dir, extensions)
  const circles = res.circular()
  for (const c of circles) say(`circle in ${dir}: ${[...c, c[0]].join(' → ')}`)
  console.log(`${dir}: ${Object.keys(res.obj()).length} files, ${circles.length} circle${circles.length === 1 ? '' : 's'}`)
  if (dir !== 'src') continue
  for (const { set, path: walk, edges } of featureCircles(res.obj())) {
    const key = set.join('↔')
    if (FEATURE_CIRCLES_ALLOWED.has(key)) { console.log(`feature circle allowed (${FEATURE_CIRCLES_ALLOWED.get(key)}): ${key}`); continue }
    say(`feature circle (features import each other only downwards, docs/ARCHITECTURE.md "Layers"): ${[...walk, walk[0]].join(' → ')}${set.length > walk.length ? ` (one of the circles among ${set.join(', ')})` : ''}\n${edges.map((e) => `  ${e}`).join('\n')}`)
  }
  for (const [from, deps] of Object.entries(res.obj())) {
    for (const rule of RULES) {
      if (!under(from, rule.from) || (rule.except && under(from, rule.except))) continue
      for (const to of deps) {
        if (!to.startsWith('src/')) continue
        const allowed = rule.allow ? under(to, rule.allow) : !under(to, rule.deny)
        if (allowed) continue
        if (rule.typeOnly?.some((re) => re.test(to)) && importedAsTypeOnly(from, to)) continue
        say(`layer rule (${rule.from}: ${rule.why}): ${from} → ${to}`)
      }
    }
  }
}

if (failures) {
  console.log(`\n${failures} dependency problem${failures === 1 ? '' : 's'} (rules: scripts/check-deps.mjs, docs/ARCHITECTURE.md "Layers")`)
  process.exit(1)
}
console.log('dependency rules: ok')
