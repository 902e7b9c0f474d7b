import { startYizhan, stop, startBareFastify } from './bench/lib.js'
const bare = await startBareFastify(); await stop(bare.child)
for (let i = 0; i < 3; i++) {
  const s = await startYizhan({ DATA_DIR: '/tmp/i26-warm', YIZHAN_DEMO_PASSWORD: 'warm-Pass-1', YIZHAN_SKIP_WEB_BUILD: '1', LOG_LEVEL: 'info', LOG_FORMAT: 'json' })
  const line = s.output().split('\n').find((l) => l.includes('startupMs'))
  console.log('healthy', Math.round(s.ms), 'bare', Math.round(bare.ms), JSON.stringify(JSON.parse(line!).startupMs))
  await stop(s.child)
}
