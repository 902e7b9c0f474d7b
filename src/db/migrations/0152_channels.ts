// How a case was served (办理渠道): window, village agency, 帮办, 陪同办 (with the staff member), 上门办 (with the
// staff member and the visit's date), so trips per case are counted per channel and a town shows how many it served at home.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table cases add column channel text not null default 'window'
      check (channel in ('window','village_agency','assisted','accompanied','home_visit'));
    alter table cases add column channel_staff_id integer references users(id);
    alter table cases add column visit_date date;
    update cases set channel = 'village_agency' where agent_id is not null;
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table cases drop column visit_date, drop column channel_staff_id, drop column channel`.execute(db)
}
