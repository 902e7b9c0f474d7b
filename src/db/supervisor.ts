// Keeps the embedded PostgreSQL running: its postmaster is looked at every `checkMs`; when it has died (killed, a
// PANIC on a full disk, the OOM killer) it is started again on the same DATA_DIR and port, and PostgreSQL's own
// crash recovery replays what was committed. The pool and the LISTEN connection reconnect by themselves; requests
// meanwhile get 503 database_unavailable. Failed restarts are retried with a growing pause, each one logged.
import type { EmbeddedServer } from './embedded.js'

export interface Supervisor { stop(): Promise<void> }

/** Pause before restart attempt `n` (0-based): at once, then 1, 2, 4 … seconds, at most 30. */
export function restartDelayMs(attempt: number): number {
  return attempt === 0 ? 0 : Math.min(30_000, 1000 * 2 ** (attempt - 1))
}

export function superviseEmbedded(server: Pick<EmbeddedServer, 'running' | 'restart'>, log: { info(m: string): void; warn(m: string): void; error(m: string): void },
  opts: { checkMs?: number; onRestarted?: () => void } = {}): Supervisor {
  const checkMs = opts.checkMs ?? 1000
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let work: Promise<void> = Promise.resolve()

  const schedule = (ms: number, fn: () => Promise<void>) => {
    if (stopped) return
    timer = setTimeout(() => { work = fn() }, ms)
    timer.unref()
  }

  const watch = async () => {
    if (stopped) return
    if (server.running()) return schedule(checkMs, watch)
    log.error('内置数据库进程已退出, 正在重新启动 (embedded PostgreSQL postmaster is gone; starting it again on the same DATA_DIR)')
    await recover(0, Date.now())
  }

  const recover = async (attempt: number, since: number) => {
    if (stopped) return
    try {
      await server.restart()
      if (stopped) return
      log.info(`内置数据库已重新启动 embedded PostgreSQL is back after ${((Date.now() - since) / 1000).toFixed(1)} s (attempt ${attempt + 1})`)
      opts.onRestarted?.()
      schedule(checkMs, watch)
    } catch (e) {
      if (stopped) return
      const delay = restartDelayMs(attempt + 1)
      log.error(`内置数据库重新启动失败 (restart attempt ${attempt + 1} failed; next in ${delay / 1000} s): ${(e as Error).message.split('\n').slice(0, 4).join(' | ')}`)
      schedule(delay, () => recover(attempt + 1, since))
    }
  }

  schedule(checkMs, watch)
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await work.catch(() => undefined)
    },
  }
}
