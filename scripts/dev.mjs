// npm run dev: the API with reload (tsx watch) on PORT (3000) and Vite's dev server with hot reload on 5173.
import { spawn } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const procs = [
  spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'watch', '--clear-screen=false', 'src/main.ts'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' }),
]
const stop = (sig) => { for (const p of procs) p.kill(sig) }
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
for (const p of procs) p.on('exit', (code) => { stop('SIGTERM'); process.exitCode = code ?? 0 })
