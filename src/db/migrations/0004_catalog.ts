// Catalog search and lookups. Chinese names are searched through an index of their characters and character
// pairs (yz_grams), which works under any collation; pg_trgm's trigrams ignore CJK characters in the C locale
// that the embedded server uses. Codes and pinyin are ASCII, where pg_trgm serves substring and prefix matches.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create extension if not exists pg_trgm;

    create function yz_grams(t text) returns text[] language sql immutable strict parallel safe as $$
      select coalesce(array_agg(distinct g), '{}') from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) i
      ) grams where g !~ '\s'
    $$;

    create index item_versions_name_grams_idx on item_versions using gin (yz_grams(name));
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
    drop function yz_grams(text);
  `.execute(db)
}
