// Joint (联办) cases: the co-departments that sign in parallel after the lead department's 承办, fixed at intake.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table cases add column co_department_ids integer[] not null default '{}'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table cases drop column co_department_ids`.execute(db)
}
