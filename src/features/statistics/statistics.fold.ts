// The fold worker: every few seconds moves the statistics deltas into the daily aggregate (SKIP LOCKED, so several
// processes on one database share the work). Readers add unfolded deltas, so a slow fold never makes a figure wrong.
import type { Db } from '../../db/database.js'
import { startPoller } from '../../kernel/poller.js'
import { foldDeltas } from './statistics.repository.js'

export function startStatsFolder(db: Db, opts: { pollMs?: number; log?: { warn(o: object, m: string): void } } = {}) {
  const poller = startPoller(async (stopped) => {
    while (!stopped() && (await foldDeltas(db)) > 0) { /* until caught up */ }
  }, { pollMs: opts.pollMs ?? 5000, onError: (e) => opts.log?.warn({ err: (e as Error).message }, 'statistics fold failed') })
  return { stop: poller.stop }
}
