// Entry of a worker thread that runs a TypeScript module of this project: the worker has its own module loader,
// so tsx is registered here (as scripts/start.mjs does for the main thread) before the module is imported.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
