// Security pass (issue 11): files belong to a center (and department); login throttles by (username, address)
// and by address; password history for the no-reuse rule; the administrator's maximum token lifetime.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table files
      add column center_id integer references centers(id),
      add column department_id integer references departments(id);
    -- An existing file belongs to its uploader's center, else to the department of an item that names it, else the district.
    update files f set center_id = u.center_id from users u where u.id = f.created_by;
    update files f set center_id = x.center_id from (
      select distinct on (m.sample_file_id) m.sample_file_id, d.center_id
      from item_materials m join item_versions v on v.id = m.version_id join service_items i on i.id = v.item_id
      join departments d on d.id = i.department_id where m.sample_file_id is not null order by m.sample_file_id, v.id
    ) x where x.sample_file_id = f.id and f.center_id is null;
    update files set center_id = (select id from centers where parent_id is null order by id limit 1) where center_id is null;
    alter table files alter column center_id set not null;
    create index files_center_idx on files (center_id);

    create table login_throttles (
      scope text not null check (scope in ('user_ip', 'ip')),
      key text not null,
      failures integer not null,
      blocked_until timestamptz,
      updated_at timestamptz not null default now(),
      primary key (scope, key)
    );

    create table password_history (
      id bigint generated always as identity primary key,
      user_id integer not null references users(id) on delete cascade,
      password_hash text not null,
      created_at timestamptz not null default now()
    );
    create index password_history_user_idx on password_history (user_id, id desc);

    create table security_settings (
      id integer primary key default 1 check (id = 1),
      max_token_days integer not null default 365 check (max_token_days between 1 and 3650),
      updated_by integer references users(id),
      updated_at timestamptz not null default now()
    );
    insert into security_settings (id) values (1);
    -- Tokens that never expired now end at the default maximum lifetime.
    update api_tokens set expires_at = created_at + interval '365 days' where expires_at is null or expires_at > created_at + interval '365 days';

    create index audit_events_login_idx on audit_events (id) where action in ('login.failed', 'login.locked');
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index audit_events_login_idx;
    drop table security_settings, password_history, login_throttles;
    alter table files drop column department_id, drop column center_id;
  `.execute(db)
}
