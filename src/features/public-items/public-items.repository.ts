// SQL of the public guide: only published versions of active items, never drafts.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { OpeningHours } from '../../domain/hall-time.js'
import type { CenterLevel, MaterialForm } from '../../domain/vocabulary.js'

function published(db: Db) {
  return db.selectFrom('item_versions as v')
    .innerJoin('service_items as i', 'i.id', 'v.item_id')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .where('v.status', '=', 'published').where('i.status', '=', 'active')
}

const summaryColumns = [
  'i.id', 'i.code', 'v.name', 'v.item_type as itemType', 'i.department_id as departmentId', 'd.name as departmentName',
  'v.handling_kind as handlingKind', 'v.legal_days as legalDays', 'v.promised_days as promisedDays',
  'v.days_unit as legalDaysUnit', 'v.days_unit as promisedDaysUnit', 'v.accept_level as acceptLevel', 'v.decide_level as decideLevel', 'v.theme', 'v.category', 'v.visits',
] as const

export async function catalogGeneration(db: Db): Promise<number> {
  return (await db.selectFrom('catalog_generation').select('generation').executeTakeFirstOrThrow()).generation
}

/** Every published item with what the in-memory search matches on (codes, pinyin) and the centers offering it. */
export function searchablePublished(db: Db) {
  return published(db).select([
    ...summaryColumns, 'v.basic_code as basicCode', 'v.name_initials as initials', 'v.name_pinyin as pinyin', 'v.keywords',
    sql<number[]>`coalesce((select array_agg(o.center_id) from item_offerings o where o.item_id = i.id), '{}')`.as('centers'),
  ]).orderBy('i.code').execute()
}

export interface GuideMaterial { id: number; name: string; form: MaterialForm; copies: number; required: boolean; note: string; sampleFileId: number | null; deferrable: boolean }
export interface GuideCenter {
  id: number; name: string; level: CenterLevel; address: string; phone: string; hours: OpeningHours
  windows: { id: number; number: string; name: string }[]
}

const materialsJson = sql<GuideMaterial[]>`(select coalesce(json_agg(json_build_object('id', m.id, 'name', m.name, 'form', m.form,
  'copies', m.copies, 'required', m.required, 'note', m.note, 'sampleFileId', m.sample_file_id, 'deferrable', m.deferral_allowed) order by m.position), '[]'::json)
  from item_materials m where m.version_id = v.id)`

/** Active centers offering the item, each with its open or paused windows that serve it (named for it, or serving its department). */
const centersJson = sql<GuideCenter[]>`(select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'level', c.level,
  'address', c.address, 'phone', c.phone, 'hours', (select json_build_object('opens', h.opens,
    'lunchStarts', h.lunch_starts, 'lunchEnds', h.lunch_ends, 'closes', h.closes) from hall_settings h where h.center_id = c.id), 'windows', (
    select coalesce(json_agg(json_build_object('id', w.id, 'number', w.number, 'name', w.name) order by length(w.number), w.number), '[]'::json)
    from windows w where w.center_id = c.id and w.status in ('open', 'paused')
      and (exists (select 1 from window_items wi where wi.window_id = w.id and wi.item_id = i.id)
        or exists (select 1 from window_departments wd where wd.window_id = w.id and wd.department_id = i.department_id))
  )) order by c.path), '[]'::json)
  from item_offerings o join centers c on c.id = o.center_id where o.item_id = i.id and c.status = 'active')`

/** The whole public guide of an item in one round trip. */
export function findPublished(db: Db, itemId: number) {
  return published(db).select([
    ...summaryColumns, 'v.version', 'v.published_at as publishedAt', 'v.basic_code as basicCode',
    'v.conditions', 'v.legal_basis as legalBasis', 'v.implementing_body as implementingBody', 'v.targets', 'v.procedure',
    'v.step_limits as stepLimits', 'v.fees', 'v.result', 'v.consult_phone as consultPhone', 'v.complaint_phone as complaintPhone',
    'v.special_procedures as specialProcedures', 'v.keywords', materialsJson.as('materials'), centersJson.as('centers'),
    'v.deferral_days as deferralDays', 'v.deferral_lapse as deferralLapse',
  ]).where('i.id', '=', itemId).executeTakeFirst()
}

export function departmentCounts(db: Db, centerId: number | undefined) {
  let q = published(db)
    .select(['d.id', 'd.code', 'd.name', 'd.short_name as shortName', 'd.level', 'd.center_id as centerId', sql<number>`count(*)::int`.as('items')])
    .where('d.status', '=', 'active')
  if (centerId) q = q.where(sql<boolean>`exists (select 1 from item_offerings o where o.item_id = i.id and o.center_id = ${centerId})`)
  return q.groupBy('d.id').orderBy('d.center_id').orderBy('d.code').execute()
}

export function themeCounts(db: Db, centerId: number | undefined) {
  let q = published(db).select(['v.theme', sql<number>`count(*)::int`.as('count')]).where('v.theme', '<>', '')
  if (centerId) q = q.where(sql<boolean>`exists (select 1 from item_offerings o where o.item_id = i.id and o.center_id = ${centerId})`)
  return q.groupBy('v.theme').orderBy(sql`count(*)`, 'desc').orderBy('v.theme').execute()
}
