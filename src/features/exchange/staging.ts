// Adapter A, the staging tables (前置库): each record becomes a row of the national UP_PRO_* table in a schema of
// Yizhan's database (written in the claim's own transaction) or of an external database (EXCHANGE_STAGING_URL; the
// row is inserted once by row_guid, so a sender killed between the insert and its commit writes nothing twice).
// The province's job reads the rows and sets received (1 taken, 2 refused with received_note); those become the
// record's acknowledgement or refusal.
import crypto from 'node:crypto'
import { sql } from 'kysely'
import { createDb, createPool, type Db } from '../../db/database.js'
import { chinaDateTime, NATIONAL_TABLES, SYNC_FIELDS, TABLE_FIELDS, type NationalTable } from '../../domain/exchange-layout.js'
import { mappingFrom, nationalRow } from '../../domain/exchange-mapping.js'
import type { Adapter, Delivery } from './sender.js'
import * as repo from './exchange.repository.js'

const national = mappingFrom({ builtin: 'national' })
const ident = (s: string) => sql.raw(`"${s.replace(/"/g, '')}"`)

/** The staging tables, created when missing (the province's integrator may create them first, in this layout). */
export async function ensureStagingSchema(db: Db, schema: string): Promise<void> {
  await sql`create schema if not exists ${ident(schema)}`.execute(db)
  for (const t of NATIONAL_TABLES) {
    const cols = TABLE_FIELDS[t].map((f) => `"${f}" text`).join(', ')
    await sql.raw(`create table if not exists "${schema}"."${t.toLowerCase()}" (
      row_guid uuid primary key, cd_operation char(1) not null, cd_time timestamp not null, cd_batch text not null, data_source text not null,
      version integer not null, ${cols},
      received smallint, received_at timestamptz, received_note text)`).execute(db)
    // a table made by an earlier version of this layout gets the fields added since (a rating's object and 追评)
    for (const f of TABLE_FIELDS[t]) await sql.raw(`alter table "${schema}"."${t.toLowerCase()}" add column if not exists "${f}" text`).execute(db)
    // the province's job reads what it has not taken yet
    await sql.raw(`create index if not exists "${t.toLowerCase()}_untaken" on "${schema}"."${t.toLowerCase()}" (cd_time) where received is null`).execute(db)
  }
}

export function stagingAdapter(opts: { db: Db; url?: string; schema: string; dataSource: string }): Adapter & { target: Db } {
  const pool = opts.url ? createPool(opts.url, 4) : undefined
  const target = pool ? createDb(pool) : opts.db
  let ready: Promise<void> | undefined
  const ensure = () => (ready ??= ensureStagingSchema(target, opts.schema).catch((e) => { ready = undefined; throw e }))
  return {
    name: 'staging', target,
    async deliver(records, trx, now): Promise<Delivery[]> {
      await ensure()
      const batch = crypto.randomUUID()
      const byTable = new Map<NationalTable, { guid: string; values: unknown[] }[]>()
      const out: Delivery[] = []
      for (const r of records) {
        const { table, row } = nationalRow(r, national.codes)
        const values = [r.rowGuid, r.operation, chinaDateTime(now), batch, opts.dataSource, r.version, ...TABLE_FIELDS[table].map((f) => row[f])]
        byTable.set(table, [...(byTable.get(table) ?? []), { guid: r.rowGuid, values }])
        out.push({ outcome: 'ok', acked: false, request: JSON.stringify({ table, row_guid: r.rowGuid, cd_operation: r.operation, cd_batch: batch }), reply: 'written' })
      }
      // In Yizhan's own database the rows commit with the records' status; in a 前置库 they are inserted once by row_guid.
      const exec = pool ? target : trx
      for (const [table, rows] of byTable) {
        const cols = [...SYNC_FIELDS.slice(0, 5), 'version', ...TABLE_FIELDS[table]].map((c) => `"${c}"`).join(', ')
        const values = sql.join(rows.map((r) => sql`(${sql.join(r.values.map((v) => sql`${v}`))})`))
        await sql`insert into ${ident(opts.schema)}.${ident(table.toLowerCase())} (${sql.raw(cols)}) values ${values} on conflict (row_guid) do nothing`.execute(exec)
      }
      return out
    },
    /** Takes the province's received flags back into the log. */
    async pollAcks(db): Promise<number> {
      await ensure()
      const sent = await repo.listSent(db, 2000)
      if (!sent.length) return 0
      const acks: { id: number; at: Date; refused: string | null }[] = []
      const guids = sent.map((s) => s.rowGuid)
      const idOf = new Map(sent.map((s) => [s.rowGuid, s.id]))
      for (const t of NATIONAL_TABLES) {
        const { rows } = await sql<{ row_guid: string; received: number; received_at: Date | null; received_note: string | null }>`
          select row_guid::text, received, received_at, received_note from ${ident(opts.schema)}.${ident(t.toLowerCase())}
          where row_guid = any(${guids}::uuid[]) and received is not null`.execute(target)
        for (const r of rows) {
          acks.push({ id: idOf.get(r.row_guid)!, at: r.received_at ?? new Date(), refused: r.received === 1 ? null : (r.received_note || '省平台拒收 (no reason given)') })
        }
      }
      if (acks.length) await repo.markStagingAcks(db, acks)
      return acks.length
    },
    async close() { await pool?.end() },
  }
}
