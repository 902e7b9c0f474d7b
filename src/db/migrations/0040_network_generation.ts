// A network generation number, like the catalog's (0006): bumped in the same transaction as any change to what the
// public pages show of the network (centers, their windows and what each window serves), whoever writes. Public
// caches (src/server/generations.ts) key on it; processes hear of each new number through 'yizhan_network' at commit.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table network_generation (
      id integer primary key default 1 check (id = 1),
      generation bigint not null
    );
    insert into network_generation values (1, 1);

    create function yz_bump_network_generation() returns trigger language plpgsql as $$
    begin
      update network_generation set generation = generation + 1 where id = 1;
      perform pg_notify('yizhan_network', '');  -- delivered at commit, to every Yizhan process
      return null;
    end $$;

    create trigger centers_network_generation after insert or update or delete or truncate on centers
      for each statement execute function yz_bump_network_generation();
    create trigger windows_network_generation after insert or update or delete or truncate on windows
      for each statement execute function yz_bump_network_generation();
    create trigger window_items_network_generation after insert or update or delete or truncate on window_items
      for each statement execute function yz_bump_network_generation();
    create trigger window_departments_network_generation after insert or update or delete or truncate on window_departments
      for each statement execute function yz_bump_network_generation();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger window_departments_network_generation on window_departments;
    drop trigger window_items_network_generation on window_items;
    drop trigger windows_network_generation on windows;
    drop trigger centers_network_generation on centers;
    drop function yz_bump_network_generation();
    drop table network_generation;
  `.execute(db)
}
