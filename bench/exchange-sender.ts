// The exchange sender in a process of its own for bench:exchange, as `npm start` runs it (EXCHANGE_MODE, the bus):
// sends until killed; with SENDER_UNTIL_EMPTY=1 it exits once nothing is pending or sent-but-unacknowledged.
import { createBus } from '../src/kernel/bus.js'
import { createDb, createPool } from '../src/db/database.js'
import { systemClock } from '../src/domain/clock.js'
import { loadExchangeConfig } from '../src/features/exchange/exchange.config.js'
import { startExchange } from '../src/features/exchange/start.js'

const pool = createPool(process.env.DATABASE_URL!, 4)
const db = createDb(pool)
const log = { warn: (o: object, m: string) => console.error(m, JSON.stringify(o)) }
const bus = createBus(process.env.DATABASE_URL!, pool, log)
const sender = startExchange(loadExchangeConfig(process.env), db, systemClock, { bus, log })!
process.stdout.write('ready\n')
process.on('SIGTERM', () => { void sender.stop().then(() => bus.close()).then(() => db.destroy()).then(() => process.exit(0)) })
if (process.env.SENDER_UNTIL_EMPTY === '1') {
  for (;;) {
    await new Promise((r) => setTimeout(r, 100))
    const { rows } = await pool.query(`select count(*)::int as n from exchange_records where status in ('pending', 'sent')`)
    if (rows[0].n === 0) { await sender.stop(); await bus.close(); await db.destroy(); process.exit(0) }
  }
}
