// Standing proxies (委托登记, issue 20): an elderly villager authorises a relative or the village agent once, for
// every item or listed items, until a date, with a photo of the signed 委托书; revocable. Each use is a case event.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table standing_proxies (
      id serial primary key,
      center_id integer not null references centers(id),
      principal_name text not null,
      principal_id_number text not null,
      principal_phone text not null,
      proxy_name text not null,
      proxy_id_number text,
      proxy_user_id integer references users(id),
      scope text not null check (scope in ('all', 'items')),
      item_ids integer[] not null default '{}',
      valid_until date not null,
      document bytea not null,
      document_mime text not null,
      document_sha256 text not null,
      created_by integer not null references users(id),
      created_at timestamptz not null,
      revoked_at timestamptz,
      revoked_by integer references users(id),
      revoke_reason text,
      check (scope = 'all' or cardinality(item_ids) > 0)
    )`.execute(db)
  await sql`alter table standing_proxies alter column document set storage external`.execute(db)
  await sql`create index standing_proxies_center on standing_proxies (center_id, principal_id_number)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table standing_proxies`.execute(db)
}
