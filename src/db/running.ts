// Who else uses a DATA_DIR. A Yizhan server writes DATA_DIR/server.json while it runs; the embedded PostgreSQL's
// postmaster.pid says a database server runs there. CLI commands connect to that database rather than start (and
// afterwards stop) one of their own, and commands that must have the database to themselves refuse.
import fs from 'node:fs'
import path from 'node:path'
import { leftoverServer, type EmbeddedServer } from './embedded.js'

export interface ServerState { pid: number; port: number; host: string; startedAt: string }

const stateFile = (dataDir: string) => path.join(dataDir, 'server.json')

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM' }
}

/** Written by `npm start` once it listens, removed when it stops. */
export function writeServerState(dataDir: string, s: Omit<ServerState, 'pid' | 'startedAt'>): () => void {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = stateFile(dataDir)
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, ...s, startedAt: new Date().toISOString() }) + '\n')
  return () => {
    try { if ((JSON.parse(fs.readFileSync(file, 'utf8')) as ServerState).pid === process.pid) fs.rmSync(file) } catch { /* gone */ }
  }
}

/** The Yizhan server running on this DATA_DIR, if any (a file left by a killed server is ignored). */
export function runningServer(dataDir: string): ServerState | undefined {
  try {
    const s = JSON.parse(fs.readFileSync(stateFile(dataDir), 'utf8')) as ServerState
    return Number.isInteger(s.pid) && s.pid !== process.pid && alive(s.pid) ? s : undefined
  } catch { return undefined }
}

/** The embedded PostgreSQL already running on this DATA_DIR, to connect to; stop() leaves it running. */
export function attachEmbedded(dataDir: string): EmbeddedServer | undefined {
  const pgData = path.join(dataDir, 'pg')
  const running = leftoverServer(pgData)
  if (!running) return undefined
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim()
  return {
    url: `postgres://yizhan:${encodeURIComponent(password)}@127.0.0.1:${running.port}/postgres`,
    port: running.port, dataDir: pgData, attached: true,
    running: () => leftoverServer(pgData) !== undefined,
    async restart() { throw new Error(`内置数据库由另一进程启动，不由本命令重启 (the embedded PostgreSQL of ${dataDir} belongs to another process)`) },
    async stop() { /* not ours to stop */ },
  }
}

/** Why a command that needs the database to itself may not run now, or undefined. */
export function busyReason(dataDir: string, embedded: boolean): string | undefined {
  const server = runningServer(dataDir)
  if (server) return `一站服务器正在使用 DATA_DIR=${dataDir} (pid ${server.pid}, port ${server.port}): 请先停止服务器 (stop the server first)`
  if (embedded && leftoverServer(path.join(dataDir, 'pg'))) {
    return `内置数据库正在运行 (the embedded PostgreSQL of DATA_DIR=${dataDir} is running): 请先停止使用它的服务器或命令`
  }
  return undefined
}
