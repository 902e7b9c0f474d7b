// 俗称 (keywords citizens type: 低保, 医保, 社保卡) per item version, searched by the public guide; and the
// administrator's mark of a local item (地方事项), whose codes are not checked against the national shape.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table item_versions add column keywords text[] not null default '{}';
    alter table service_items add column local_code boolean not null default false;
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table item_versions drop column keywords;
    alter table service_items drop column local_code;
  `.execute(db)
}
