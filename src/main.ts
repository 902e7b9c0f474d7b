// Entry point of `npm start`.
import { start } from './server/start.js'

start().catch((e: Error) => {
  console.error(`一站 Yizhan 启动失败 (failed to start): ${e.message || e}`)
  process.exit(1)
})
