// npm start: open the database, load the demo district on an empty one, serve, and shut down gracefully.
import fs from 'node:fs'
import path from 'node:path'
import { loadConfig, type Config } from '../config.js'
import { openDatabase } from '../db/connect.js'
import { systemClock, today } from '../domain/clock.js'
import { dbFault } from '../db/faults.js'
import { createStorageGuard } from './storage-guard.js'
import { writeServerState } from '../db/running.js'
import { createBus } from '../kernel/bus.js'
import { createLogger } from './logger.js'

/** The modules of the app itself: loaded while the database starts (both take a second or more; they overlap). */
function loadServerModules() {
  return Promise.all([
    import('./app.js'), import('../demo/load.js'), import('../demo/history/generate.js'), import('../features/messages/outbox.js'),
    import('../features/statistics/statistics.fold.js'), import('../features/messages/digest.js'),
    import('../features/messages/providers/choose.js'), import('./public-url.js'), import('./metrics.js'), import('../features/ratings/invitations.js'),
    import('../kernel/metrics.js'),
  ]).then(([app, demo, history, outbox, fold, digest, choose, publicUrl, metrics, invitations, registry]) => ({
    buildApp: app.buildApp, loadDemoIfEmpty: demo.loadDemoIfEmpty, startHistory: history.startHistory,
    startOutboxWorker: outbox.startOutboxWorker, startStatsFolder: fold.startStatsFolder, startDigestScheduler: digest.startDigestScheduler,
    chooseSender: choose.chooseSender, publicUrlWarnings: publicUrl.publicUrlWarnings, listenMetrics: metrics.listenMetrics, Metrics: registry.Metrics,
    startRatingInviter: invitations.startRatingInviter,
  }))
}

export async function start(config: Config = loadConfig()): Promise<void> {
  const log = createLogger(config.logLevel, config.logFormat)
  const plain = { info: (m: string) => log.info(m), warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) }
  // A database fault in work nobody awaits (a background round, a notification) is logged, never the end of the process.
  process.on('unhandledRejection', (e) => {
    if (dbFault(e)) { log.warn({ err: (e as Error).message }, 'background work failed: database unavailable'); return }
    throw e
  })
  // Where the time to healthy goes (ms since the process started), logged once at the end.
  const phases: Record<string, number> = { entered: Math.round(performance.now()) }
  const mark = (name: string) => { phases[name] = Math.round(performance.now()) }
  const modules = loadServerModules()
  modules.catch(() => undefined) // awaited below; a failure to open the database is reported first
  const opened = await openDatabase(config, plain, { supervise: true })
  Object.assign(phases, { databaseServer: opened.readyAt.server, migrations: opened.readyAt.migrations })
  const {
    buildApp, loadDemoIfEmpty, startHistory, startOutboxWorker, startStatsFolder, startDigestScheduler,
    chooseSender, publicUrlWarnings, listenMetrics, Metrics, startRatingInviter,
  } = await modules
  mark('modules')
  const bus = createBus(opened.url, opened.pool, log)
  const storage = createStorageGuard({ dir: opened.embedded ? config.dataDir : undefined, floorMb: config.storageFloorMb, log: plain })
  await storage.check()
  // The demo's data (its history, or its accounts file in DATA_DIR) never goes out through a provider, even with YIZHAN_DEMO=0.
  const demoHistory = (await opened.db.selectFrom('demo_history').select('id').executeTakeFirst()) !== undefined ||
    fs.existsSync(path.join(config.dataDir, 'demo-accounts.json'))
  // One sender for the outbox and the hall's codes: a provider (SMS_PROVIDER) or, loudly, the log.
  const { sender, notice: smsNotice } = chooseSender(config.sms, log, { demo: config.demo, demoHistory })
  for (const w of publicUrlWarnings(config)) log.warn(w)
  const metrics = new Metrics()
  const app = await buildApp({ db: opened.db, config, bus, logger: log, storage, smsSender: sender, metrics, pool: opened.pool, lazySchemas: true })
  const metricsServer = config.metricsListen ? await listenMetrics(metrics, config.metricsListen) : undefined
  if (metricsServer) log.info(`监控指标 metrics: http://${config.metricsListen!.host}:${config.metricsListen!.port}/metrics`)
  mark('app')

  const demo = config.demo ? await loadDemoIfEmpty(opened.db, config, plain) : { loaded: false }
  if (!fs.existsSync(config.webDist)) log.warn(`网页尚未构建 (${config.webDist} missing): run npm run build:web`)

  // Background work starts once the server listens (it competes with the start-up for the CPU otherwise).
  let outbox: { stop(): Promise<void> } | undefined
  let folder: { stop(): Promise<void> } | undefined
  let history: { stop(): Promise<void> } | undefined
  let digests: { stop(): Promise<void> } | undefined
  let exchange: { stop(): Promise<void> } | undefined
  let invites: { stop(): Promise<void> } | undefined
  let reminders: { stop(): Promise<void> } | undefined
  let forgetState = () => {}
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    log.info(`收到 ${signal}，正在停止 (finishing in-flight requests)`)
    const force = setTimeout(() => { log.error('shutdown took too long; exiting'); process.exit(1) }, 30_000)
    try {
      // Stop accepting and wait for in-flight requests. A keep-alive connection whose request finishes after
      // this point would hold close() open (Node closes only the connections idle at the moment of close).
      const sweep = setInterval(() => app.server.closeIdleConnections(), 100)
      await app.close()
      clearInterval(sweep)
      metricsServer?.close()
      forgetState()
      await digests?.stop()
      await invites?.stop()
      await reminders?.stop()
      await outbox?.stop()
      await exchange?.stop()
      await folder?.stop()
      await history?.stop()
      await bus.close()
      storage.stop()
      await opened.close()       // supervisor, pool, then the embedded server
      clearTimeout(force)
      log.info('已停止 stopped')
      process.exit(0)
    } catch (e) {
      log.error({ err: e }, 'error during shutdown')
      process.exit(1)
    }
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  // EXCHANGE_PROVINCE_NO_RULE: the province's numbering rule, read by the 受理 record's trigger (unset: none)
  await (await import('../features/exchange/start.js')).writeProvinceNumberRule(opened.db, config.exchange.provinceNoRule)
  try {
    await app.ready() // plugins and routes registered (their validators and serializers compile on first use)
    mark('ready')
    await app.listen({ port: config.port, host: config.host })
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    if (err.code === 'EADDRINUSE') log.error(`端口 ${config.port} 已被占用 (port in use): 设置 PORT=另一个端口 后重试`)
    else log.error({ err }, 'could not listen')
    await bus.close()
    await opened.close()
    process.exit(1)
  }
  mark('listening')
  // CLI commands on this DATA_DIR read it: they use this server's database and leave it running.
  forgetState = writeServerState(config.dataDir, { port: config.port, host: config.host })
  // YIZHAN_OUTBOX=off: this process serves only; another process sharing the database sends the messages.
  if (process.env.YIZHAN_OUTBOX !== 'off') outbox = startOutboxWorker(opened.db, sender, systemClock, { bus, log })
  // EXCHANGE_MODE: the exchange log to the province's staging tables or push (YIZHAN_EXCHANGE=off: another process sends it).
  if (config.exchange.mode !== 'off' && process.env.YIZHAN_EXCHANGE !== 'off') {
    exchange = (await import('../features/exchange/start.js')).startExchange(config.exchange, opened.db, systemClock, { bus, log })
    log.info(`省平台数据交换 exchange: ${config.exchange.mode} (${config.exchange.mode === 'push' ? config.exchange.mapping.name : config.exchange.stagingUrl ? 'external 前置库' : config.exchange.stagingSchema})`)
  }
  // YIZHAN_STATS_FOLD=off: another process sharing the database folds the statistics deltas.
  if (process.env.YIZHAN_STATS_FOLD !== 'off') folder = startStatsFolder(opened.db, { log })
  // The managers' daily digest into the outbox (once per manager and working day, whichever process gets there first).
  if (process.env.YIZHAN_OUTBOX !== 'off') digests = startDigestScheduler({ db: opened.db, clock: systemClock, config, bus }, log)
  // The invitation to rate a service unrated 3 days after it finished (once per case).
  if (process.env.YIZHAN_OUTBOX !== 'off') invites = startRatingInviter({ db: opened.db, clock: systemClock }, log)
  // 容缺 reminders the day before a commitment's due date (once per commitment, whichever process gets there first).
  if (process.env.YIZHAN_OUTBOX !== 'off') reminders = (await import('../features/cases/commitment-reminders.js')).startCommitmentReminders({ db: opened.db, clock: systemClock }, log)
  if (config.demo && process.env.YIZHAN_DEMO_HISTORY !== '0') history = startHistory({ db: opened.db, bus, config }, plain, { justLoaded: demo.loaded, today: today(systemClock), writable: storage.writable })
  log.info({ startupMs: phases }, `一站 Yizhan 已启动: http://${config.host}:${config.port}/  (API 文档 /api/docs)`)
  // A plain line for the person at the terminal, besides the JSON log.
  const accounts = path.join(config.dataDir, 'demo-accounts.json')
  console.log(`\n  一站 Yizhan  http://${config.host}:${config.port}/   API: /api/docs` +
    (demo.loaded && demo.password ? `\n  演示账号 demo accounts: admin / ${demo.password}   (全部账号 all accounts: ${accounts})` : '') +
    (smsNotice ? `\n  !! ${smsNotice}` : '') + '\n')
}
