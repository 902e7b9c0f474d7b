// 法人 applicants (issue 24): the legal representative (法定代表人, a name) and the person who comes to the window for
// the company (经办人: name, 居民身份证号码, phone; not the village agent). Both optional, only for organizations.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases')
    .addColumn('legal_representative_name', 'text')
    .addColumn('representative_name', 'text')
    .addColumn('representative_id_number', 'text')
    .addColumn('representative_phone', 'text')
    .execute()
  await sql`alter table cases add constraint cases_representative_whole check (
    (representative_name is null and representative_id_number is null and representative_phone is null)
    or (representative_name is not null and representative_id_number is not null and representative_phone is not null))`.execute(db)
  await sql`alter table cases add constraint cases_representatives_of_organizations check (
    applicant_kind = 'organization' or (legal_representative_name is null and representative_name is null))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table cases drop constraint cases_representatives_of_organizations, drop constraint cases_representative_whole`.execute(db)
  await db.schema.alterTable('cases')
    .dropColumn('legal_representative_name').dropColumn('representative_name').dropColumn('representative_id_number').dropColumn('representative_phone')
    .execute()
}
