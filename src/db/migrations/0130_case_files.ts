// Electronic materials (issue 20): photos and scans of a case's materials, stored in the database beside the case
// (docs/MATERIAL-STORAGE.md: one transaction writes a file and its case's audit, one backup holds both). The bytes
// are stored EXTERNAL (out of line, not compressed: JPEG, PNG and PDF are compressed already and pglz would only
// burn CPU trying). `seen_on_paper_at` is set when the original paper arrives at a level and matches the photo.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table case_files (
      id serial primary key,
      case_id integer not null references cases(id) on delete cascade,
      case_material_id integer references case_materials(id) on delete set null,
      name text not null,
      mime text not null check (mime in ('image/jpeg', 'image/png', 'application/pdf')),
      size integer not null check (size > 0),
      original_size integer not null,
      sha256 text not null,
      width integer,
      height integer,
      data bytea not null,
      thumb bytea,
      center_id integer not null references centers(id),
      uploaded_by integer not null references users(id),
      uploaded_at timestamptz not null,
      seen_on_paper_at timestamptz,
      seen_on_paper_by integer references users(id),
      unique (case_id, sha256)
    )`.execute(db)
  await sql`alter table case_files alter column data set storage external, alter column thumb set storage external`.execute(db)
  await sql`create index case_files_material on case_files (case_material_id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table case_files`.execute(db)
}
