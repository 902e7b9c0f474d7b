// 同一人连续办理 (issue 24): separation of duties is the default (承办, 审核 and the decision by different people);
// an item version may allow one person who holds consecutive steps (a small center's approver) to complete them in
// one dialog, each step still finished and recorded as its own event.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table item_versions add column consecutive_steps boolean not null default false`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table item_versions drop column consecutive_steps`.execute(db)
}
