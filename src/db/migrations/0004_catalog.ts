// Catalog search and lookups. Chinese names are searched through their characters and character pairs
// (name_grams = yz_grams(name), stored so that no scan recomputes it, with a GIN index): this works under any
// collation, whereas pg_trgm ignores CJK characters in the C locale the embedded server uses. Codes and pinyin
// are ASCII, where pg_trgm serves substring matches and a text_pattern_ops index serves prefixes.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create extension if not exists pg_trgm;

    create function yz_grams(t text) returns text[] language sql immutable strict parallel safe as $$
      select coalesce(array_agg(distinct g), '{}') from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) i
      ) grams where g !~ '[[:space:]]'
    $$;

    -- what a search term must contain: its character pairs (enough with the substring recheck), or the one character
    create function yz_query_grams(t text) returns text[] language sql immutable strict parallel safe as $$
      select case when char_length(t) < 2 then array[lower(t)] else coalesce(
        (select array_agg(distinct g) from (select substr(lower(t), i, 2) as g from generate_series(1, char_length(t) - 1) i) pairs
         where g !~ '[[:space:]]'), '{}') end
    $$;

    alter table item_versions add column name_grams text[] generated always as (yz_grams(name)) stored;
    create index item_versions_name_grams_idx on item_versions using gin (name_grams);
    create index item_versions_initials_trgm_idx on item_versions using gin (name_initials gin_trgm_ops);
    create index item_versions_pinyin_idx on item_versions (name_pinyin text_pattern_ops);
    create index item_versions_basic_code_trgm_idx on item_versions using gin (basic_code gin_trgm_ops);
    create index service_items_code_trgm_idx on service_items using gin (code gin_trgm_ops);
    create index item_versions_theme_idx on item_versions (theme) where status = 'published';
    create index window_items_item_idx on window_items (item_id);
    create index item_materials_sample_idx on item_materials (sample_file_id) where sample_file_id is not null;
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index item_materials_sample_idx, window_items_item_idx, item_versions_theme_idx, service_items_code_trgm_idx,
      item_versions_basic_code_trgm_idx, item_versions_pinyin_idx, item_versions_initials_trgm_idx, item_versions_name_grams_idx;
    alter table item_versions drop column name_grams;
    drop function yz_query_grams(text);
    drop function yz_grams(text);
  `.execute(db)
}
