// The fold worker: every few seconds moves the statistics deltas into the daily aggregate (SKIP LOCKED, so several
// processes on one database share the work). Readers add unfolded deltas, so a slow fold never makes a figure wrong.
import type { Db } from '../../db/database.js'
import { foldDeltas } from './statistics.repository.js'

export function startStatsFolder(db: Db, opts: { pollMs?: number; log?: { warn(o: object, m: string): void } } = {}) {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  const tick = () => {
    running = (async () => {
      try {
        while (!stopped && (await foldDeltas(db)) > 0) { /* until caught up */ }
      } catch (e) { opts.log?.warn({ err: (e as Error).message }, 'statistics fold failed') }
      if (!stopped) timer = setTimeout(tick, opts.pollMs ?? 5000)
    })()
  }
  tick()
  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
