// Offline intakes (issue 20): when and on which device an agent recorded a case without a signal, the device's clock
// offset at sending, whether the receipt time was corrected by it (flagged), when it synced, and the offline number
// printed on the slip, a permanent alias of the case's real number for the progress lookup.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table offline_receipts (
      case_id integer primary key references cases(id) on delete cascade,
      device_id text not null,
      offline_number text not null unique,
      device_received_at timestamptz not null,
      device_now timestamptz not null,
      offset_ms bigint not null,
      corrected boolean not null,
      synced_at timestamptz not null
    )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table offline_receipts`.execute(db)
}
