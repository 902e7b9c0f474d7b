// Parses uploaded workbooks in a worker thread with its own capped heap, so that neither the parsing nor its
// garbage collection holds up the requests this process is serving, and a file that unpacks into too much
// memory ends that worker only (answered as a problem of the file), never the server. One worker, started on
// the first import and kept (unref'd) for the next; files are parsed one at a time.
import { Worker } from 'node:worker_threads'
import type { ImportProblem, ParsedItem } from './parse.js'

/** Heap of the parsing worker: a 20,000-row catalog needs about 60 MB. */
const WORKER_HEAP_MB = 160
const TIMEOUT_MS = 120_000

type Result = { items: ParsedItem[]; problems: ImportProblem[] }
const fileProblem = (message: string): Result => ({ items: [], problems: [{ column: '', message }] })

let worker: Worker | undefined
let queue: Promise<unknown> = Promise.resolve()
let nextId = 0

function start(): Worker {
  const w = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
    // From dist/ (npm start) the worker's module is JavaScript too (scripts/compile.mjs).
    workerData: { entry: new URL(import.meta.url.endsWith('.ts') ? './parse.worker.ts' : './parse.worker.js', import.meta.url).href },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16 },
  })
  w.unref()
  w.once('exit', () => { if (worker === w) worker = undefined })
  return w
}

function parseOnce(data: Buffer): Promise<Result> {
  const w = (worker ??= start())
  const id = ++nextId
  return new Promise<Result>((resolve, reject) => {
    const done = () => { clearTimeout(timer); w.off('message', onMessage); w.off('error', onError) }
    const items: ParsedItem[] = []
    const onMessage = (m: { id: number; items?: ParsedItem[]; problems?: ImportProblem[]; done?: boolean }) => {
      if (m.id !== id) return
      if (m.items) items.push(...m.items)
      if (m.done) { done(); resolve({ items, problems: m.problems ?? [] }) }
    }
    const onError = (e: Error & { code?: string }) => {
      done()
      worker = undefined
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') resolve(fileProblem('文件内容过多，超出导入的内存上限，请分批导入'))
      else reject(e)
    }
    const timer = setTimeout(() => {
      done()
      worker = undefined
      void w.terminate()
      resolve(fileProblem(`文件读取超过 ${TIMEOUT_MS / 1000} 秒，请分批导入`))
    }, TIMEOUT_MS)
    w.on('message', onMessage)
    w.once('error', onError)
    w.postMessage({ id, data })
  })
}

export function parseInWorker(data: Buffer): Promise<Result> {
  const run = queue.then(() => parseOnce(data))
  queue = run.catch(() => undefined)
  return run
}
