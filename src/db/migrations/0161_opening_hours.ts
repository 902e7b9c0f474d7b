// One source of opening hours per center (issue 24): hall_settings holds the hours with a lunch break (opens,
// lunch_starts, lunch_ends, closes; no lunch break when both lunch columns are null). The free-text centers.hours
// (8:30-12:00 14:00-17:30 on the home page while booking said 09:00-17:00) is read into it and dropped. Every center
// has its row from its insert on (a trigger), so the hall, the public pages and booking read the same four times.
// A change of hours bumps the network generation: the public pages' caches show the new hours at once.
import { sql, type Kysely } from 'kysely'

const HM = `'^([01][0-9]|2[0-3]):[0-5][0-9]$'`

/** '周一至周五 8:30-12:00 14:30-17:30' → the first and last two times; null when the text names no period. */
export function parseHours(text: string): { opens: string; lunchStarts: string | null; lunchEnds: string | null; closes: string } | null {
  const periods = [...text.matchAll(/(\d{1,2}):(\d{2})\s*[-–~至]\s*(\d{1,2}):(\d{2})/g)]
    .map((m) => [`${m[1].padStart(2, '0')}:${m[2]}`, `${m[3].padStart(2, '0')}:${m[4]}`])
  if (!periods.length) return null
  const [first, second] = periods
  if (!second) return first[0] < first[1] ? { opens: first[0], lunchStarts: null, lunchEnds: null, closes: first[1] } : null
  const ordered = first[0] < first[1] && first[1] < second[0] && second[0] < second[1]
  return ordered ? { opens: first[0], lunchStarts: first[1], lunchEnds: second[0], closes: second[1] } : null
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table hall_settings
      add column lunch_starts text check (lunch_starts ~ ${HM}),
      add column lunch_ends text check (lunch_ends ~ ${HM}),
      alter column opens set default '08:30',
      alter column closes set default '17:30';
    alter table hall_settings alter column lunch_starts set default '12:00', alter column lunch_ends set default '14:00';
    insert into hall_settings (center_id, opens, lunch_starts, lunch_ends, closes)
      select id, '08:30', '12:00', '14:00', '17:30' from centers on conflict (center_id) do nothing;
  `).execute(db)
  // A center whose published text names its hours keeps them; a hall whose manager set its own times before keeps
  // those (the text was never read by the hall) and only gains the text's lunch break when it fits inside them.
  const rows = await sql<{ id: number; hours: string; opens: string; closes: string; touched: boolean }>`
    select c.id, c.hours, h.opens, h.closes, (h.opens, h.closes) <> ('09:00', '17:00') and (h.opens, h.closes) <> ('08:30', '17:30') as touched
    from centers c join hall_settings h on h.center_id = c.id`.execute(db)
  for (const r of rows.rows) {
    const parsed = parseHours(r.hours)
    if (!parsed) {
      if (!r.touched) await sql`update hall_settings set opens = '08:30', lunch_starts = '12:00', lunch_ends = '14:00', closes = '17:30' where center_id = ${r.id}`.execute(db)
      else await sql`update hall_settings set lunch_starts = null, lunch_ends = null where center_id = ${r.id}`.execute(db)
      continue
    }
    const h = r.touched ? { ...parsed, opens: r.opens, closes: r.closes } : parsed
    const lunchFits = h.lunchStarts !== null && h.opens < h.lunchStarts && h.lunchEnds! < h.closes
    await sql`update hall_settings set opens = ${h.opens}, closes = ${h.closes},
      lunch_starts = ${lunchFits ? h.lunchStarts : null}, lunch_ends = ${lunchFits ? h.lunchEnds : null} where center_id = ${r.id}`.execute(db)
  }
  await sql`
    alter table hall_settings add constraint hall_settings_hours_order check (
      (lunch_starts is null and lunch_ends is null and opens < closes)
      or (lunch_starts is not null and lunch_ends is not null and opens < lunch_starts and lunch_starts < lunch_ends and lunch_ends < closes));
    alter table centers drop column hours;

    create function yz_center_hall_settings() returns trigger language plpgsql as $$
    begin
      insert into hall_settings (center_id) values (new.id) on conflict (center_id) do nothing;
      return null;
    end $$;
    create trigger centers_hall_settings after insert on centers for each row execute function yz_center_hall_settings();

    create trigger hall_hours_network_generation after insert or update of opens, lunch_starts, lunch_ends, closes or delete on hall_settings
      for each statement execute function yz_bump_network_generation();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger hall_hours_network_generation on hall_settings;
    drop trigger centers_hall_settings on centers;
    drop function yz_center_hall_settings();
    alter table centers add column hours text not null default '';
    update centers c set hours = '周一至周五 ' || h.opens || '-' || coalesce(h.lunch_starts || ' ' || h.lunch_ends || '-', '') || h.closes
      from hall_settings h where h.center_id = c.id;
    alter table hall_settings drop constraint hall_settings_hours_order, drop column lunch_starts, drop column lunch_ends,
      alter column opens set default '09:00', alter column closes set default '17:00';
  `.execute(db)
}
