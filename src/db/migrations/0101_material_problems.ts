// The one-time notice (一次性告知, 行政许可法 §32) names per material what is wrong with one handed in ("不符合法定
//形式": unsigned, expired, a wrong copy), not only what is missing: a material with a problem is not received.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table case_materials add column problem text`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table case_materials drop column problem`.execute(db)
}
