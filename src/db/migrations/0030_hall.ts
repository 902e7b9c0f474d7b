// The hall (大厅): ticket categories per center, tickets with their timeline, the display board's event stream,
// appointments by time slot and the phone codes that confirm them. Plain SQL that PostgreSQL 15 runs.
// tickets.case_ref holds the case number as text with no foreign key: cases arrive in another migration.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table hall_settings (
      center_id integer primary key references centers(id),
      opens text not null default '09:00' check (opens ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      closes text not null default '17:00' check (closes ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      closed boolean not null default false,
      notice text not null default '',
      max_calls integer not null default 3 check (max_calls between 1 and 10),
      slot_minutes integer not null default 30 check (slot_minutes between 10 and 240),
      event_seq bigint not null default 0,
      updated_at timestamptz not null default now()
    );

    create table hall_categories (
      id serial primary key,
      center_id integer not null references centers(id),
      prefix text not null check (prefix ~ '^[A-Z]{1,2}$'),
      name text not null,
      status text not null default 'open' check (status in ('open','paused','retired')),
      slot_capacity integer not null default 4 check (slot_capacity between 0 and 500),
      position integer not null default 0,
      created_at timestamptz not null default now()
    );
    create unique index hall_categories_prefix on hall_categories (center_id, prefix) where status <> 'retired';

    create table hall_category_items (
      category_id integer not null references hall_categories(id) on delete cascade,
      item_id integer not null references service_items(id),
      primary key (category_id, item_id)
    );

    create table hall_window_categories (
      window_id integer not null references windows(id) on delete cascade,
      category_id integer not null references hall_categories(id) on delete cascade,
      primary key (window_id, category_id)
    );

    create table ticket_counters (
      category_id integer not null references hall_categories(id),
      day date not null,
      last integer not null,
      primary key (category_id, day)
    );

    create table hall_appointments (
      id serial primary key,
      center_id integer not null references centers(id),
      category_id integer not null references hall_categories(id),
      day date not null,
      slot_start text not null check (slot_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      slot_end text not null check (slot_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      phone text not null,
      name text not null default '',
      booking_code text not null,
      status text not null default 'booked' check (status in ('booked','cancelled','checked_in','no_show')),
      late boolean not null default false,
      created_at timestamptz not null default now(),
      cancelled_at timestamptz,
      checked_in_at timestamptz
    );
    create unique index hall_appointments_code on hall_appointments (center_id, booking_code) where status = 'booked';
    create index hall_appointments_slot on hall_appointments (category_id, day, slot_start) where status <> 'cancelled';
    create index hall_appointments_phone on hall_appointments (phone, created_at);

    create table tickets (
      id serial primary key,
      center_id integer not null references centers(id),
      category_id integer not null references hall_categories(id),
      item_id integer references service_items(id),
      appointment_id integer unique references hall_appointments(id),
      day date not null,
      seq integer not null,
      number text not null,
      token text not null,
      status text not null default 'waiting' check (status in ('waiting','called','serving','done','no_show')),
      priority smallint not null default 1,
      queued_at timestamptz not null,
      issued_at timestamptz not null,
      target_window_id integer references windows(id),
      window_id integer references windows(id),
      staff_id integer references users(id),
      calls integer not null default 0,
      first_called_at timestamptz,
      called_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      case_ref text,
      unique (category_id, day, seq)
    );
    create index tickets_queue on tickets (center_id, day, priority, queued_at, id) where status = 'waiting';
    create index tickets_window on tickets (window_id) where status in ('called','serving');
    create index tickets_center_day on tickets (center_id, day);

    create table ticket_events (
      id bigserial primary key,
      ticket_id integer not null references tickets(id),
      center_id integer not null references centers(id),
      at timestamptz not null,
      action text not null check (action in ('issued','called','recalled','started','finished','transferred','no_show','linked')),
      window_id integer references windows(id),
      staff_id integer references users(id),
      data jsonb not null default '{}'
    );
    create index ticket_events_ticket on ticket_events (ticket_id, id);

    create table hall_display_events (
      center_id integer not null references centers(id),
      seq bigint not null,
      at timestamptz not null,
      kind text not null check (kind in ('call','notice')),
      data jsonb not null,
      primary key (center_id, seq)
    );

    create table hall_phone_codes (
      id serial primary key,
      phone text not null,
      code_hash text not null,
      day date not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      attempts integer not null default 0,
      used_at timestamptz
    );
    create index hall_phone_codes_phone on hall_phone_codes (phone, day);
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table hall_phone_codes, hall_display_events, ticket_events, tickets, hall_appointments,
    ticket_counters, hall_window_categories, hall_category_items, hall_categories, hall_settings`.execute(db)
}
