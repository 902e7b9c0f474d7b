// A background round run now, whenever woken (a notification), and at least every `pollMs`: rounds never overlap, a
// failed round is reported and the next one comes anyway, and stop() waits for the round in progress. The outbox
// worker, the statistics fold and the managers' digest scheduler run on it.
export interface Poller { wake(): void; stop(): Promise<void> }

export function startPoller(round: (stopped: () => boolean) => Promise<void>, opts: { pollMs: number; onError(e: unknown): void }): Poller {
  let stopped = false
  let running: Promise<void> = Promise.resolve()
  let again = false
  let timer: NodeJS.Timeout | undefined
  const isStopped = () => stopped
  const wake = () => {
    if (stopped) return
    if (timer) clearTimeout(timer)
    again = true
    running = running.then(async () => {
      while (again && !stopped) {
        again = false
        try { await round(isStopped) } catch (e) { opts.onError(e) }
      }
      if (!stopped) timer = setTimeout(wake, opts.pollMs)
    })
  }
  wake()
  return {
    wake,
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
