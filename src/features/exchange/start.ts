// The exchange sender of `npm start`: the adapter EXCHANGE_MODE names, on the log's notifications and a poll.
import type { Db } from '../../db/database.js'
import type { Clock } from '../../domain/clock.js'
import type { Bus } from '../../kernel/bus.js'
import type { ExchangeConfig } from './exchange.config.js'
import { pushAdapter } from './push.js'
import { startExchangeSender, type Adapter } from './sender.js'
import { stagingAdapter } from './staging.js'

export function exchangeAdapter(c: ExchangeConfig, db: Db): Adapter | undefined {
  if (c.mode === 'staging') return stagingAdapter({ db, url: c.stagingUrl, schema: c.stagingSchema, dataSource: c.dataSource })
  if (c.mode === 'push') return pushAdapter({ url: c.pushUrl!, mapping: c.mapping, token: c.token, hmacKey: c.hmacKey, sm4Key: c.sm4Key, dataSource: c.dataSource, batchSize: c.pushBatch })
  return undefined
}

export function startExchange(c: ExchangeConfig, db: Db, clock: Clock, opts: { bus?: Bus; log?: { warn(o: object, m: string): void } }) {
  const adapter = exchangeAdapter(c, db)
  return adapter ? startExchangeSender(db, adapter, clock, { ...opts, pollMs: c.pollMs, batch: c.batch }) : undefined
}

/** The province's 统一申办流水号 rule where it asks the county to number (migration 0171's trigger reads it at 受理). */
export async function writeProvinceNumberRule(db: Db, rule: string | undefined) {
  if (!rule) { await db.deleteFrom('exchange_settings').where('key', '=', 'province_no_rule').execute(); return }
  await db.insertInto('exchange_settings').values({ key: 'province_no_rule', value: rule })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: rule, updated_at: new Date() })).execute()
}
