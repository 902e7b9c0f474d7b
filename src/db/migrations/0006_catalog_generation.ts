// A catalog generation number, bumped in the same transaction as any change to what the public guide shows
// (items, versions, offerings, departments), whoever writes: routes, Excel import, the demo loader or plain SQL.
// The in-memory guide index (src/features/public-items/guide-index.ts) rebuilds when it sees a new number; processes
// with a LISTEN connection hear about it through the 'yizhan_catalog' notification sent at commit.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table catalog_generation (
      id integer primary key default 1 check (id = 1),
      generation bigint not null
    );
    insert into catalog_generation values (1, 1);

    create function yz_bump_catalog_generation() returns trigger language plpgsql as $$
    begin
      update catalog_generation set generation = generation + 1 where id = 1;
      perform pg_notify('yizhan_catalog', '');  -- delivered at commit, to every Yizhan process
      return null;
    end $$;

    create trigger service_items_generation after insert or update or delete or truncate on service_items
      for each statement execute function yz_bump_catalog_generation();
    create trigger item_versions_generation after insert or update or delete or truncate on item_versions
      for each statement execute function yz_bump_catalog_generation();
    create trigger item_offerings_generation after insert or update or delete or truncate on item_offerings
      for each statement execute function yz_bump_catalog_generation();
    create trigger departments_generation after insert or update or delete or truncate on departments
      for each statement execute function yz_bump_catalog_generation();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger departments_generation on departments;
    drop trigger item_offerings_generation on item_offerings;
    drop trigger item_versions_generation on item_versions;
    drop trigger service_items_generation on service_items;
    drop function yz_bump_catalog_generation();
    drop table catalog_generation;
  `.execute(db)
}
