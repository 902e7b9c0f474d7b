// A committed file made by a script (docs/openapi.json, web/src/lib/api.gen.ts): written, or with `--check` compared
// with what the script makes now, failing when they differ (CI runs the check).
import fs from 'node:fs'
import path from 'node:path'

export function writeOrCheck(file: string, text: string, opts: { root: string; from: string; command: string; summary: string }): void {
  const name = path.relative(opts.root, file)
  if (process.argv.includes('--check')) {
    const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
    if (old !== text) {
      console.error(`${name} is not what ${opts.from} gives now: run \`${opts.command}\` and commit it`)
      process.exit(1)
    }
    console.log(`${name} matches ${opts.from}`)
  } else {
    fs.writeFileSync(file, text)
    console.log(`wrote ${name} (${opts.summary})`)
  }
}
