// SQL of the published 好差评 figures (GB/T 39734 附录B) and the ratings export: ratings of a center and the centers
// below it, set-aside ratings left out; the finished services from the rating_services view (migration 0140).
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

const CHINA = 'Asia/Shanghai'

/** Ratings rated from..to, counted per score, with how many of each had their follow-up closed. */
export function ratingsByScore(db: Db, path: string, from: string, to: string) {
  return db.selectFrom('ratings as r').leftJoin('rating_followups as f', 'f.rating_id', 'r.id')
    .select(['r.score', sql<number>`count(*)::int`.as('ratings'), sql<number>`(count(*) filter (where f.status = 'closed'))::int`.as('followupClosed')])
    .where('r.center_path', 'like', `${path}%`).where('r.rated_on', '>=', from).where('r.rated_on', '<=', to).where('r.set_aside', '=', false)
    .groupBy('r.score').execute()
}

/** Services finished from..to (China days), and how many of them have a rating (not set aside). */
export async function finishedAndRated(db: Db, path: string, from: string, to: string) {
  const rated = (kind: string, column: string) => sql`(count(*) filter (where s.kind = ${kind} and exists (
    select 1 from ratings r where r.${sql.ref(column)} = s.service_id and not r.set_aside)))::int`
  const r = await db.selectFrom('rating_services as s')
    .select([sql<number>`count(*)::int`.as('finished'),
      sql<number>`${rated('case', 'case_id')} + ${rated('ticket', 'ticket_id')} + ${rated('consultation', 'consultation_id')}`.as('rated')])
    .where('s.center_path', 'like', `${path}%`)
    .where(sql<boolean>`(s.finished_at at time zone ${CHINA})::date between ${from}::date and ${to}::date`)
    .executeTakeFirstOrThrow()
  return r
}

/** One record per rating for a provincial 好差评 system (docs/RATINGS-EXPORT.md), oldest first. */
export function exportRows(db: Db, path: string, from: string, to: string) {
  return db.selectFrom('ratings as r')
    .innerJoin('centers as c', 'c.id', 'r.center_id')
    .leftJoin('cases as k', 'k.id', 'r.case_id').leftJoin('tickets as t', 't.id', 'r.ticket_id').leftJoin('consultations as q', 'q.id', 'r.consultation_id')
    .leftJoin('service_items as i', 'i.id', 'r.item_id').leftJoin('rating_followups as f', 'f.rating_id', 'r.id')
    .select([
      'r.id', 'r.rated_at as ratedAt', 'r.score', 'r.indicators', 'r.options', 'r.comment', 'r.addendum', 'r.source', 'r.set_aside as setAside',
      sql<string>`case when r.case_id is not null then 'case' when r.ticket_id is not null then 'ticket' else 'consultation' end`.as('serviceKind'),
      sql<string>`coalesce(k.number, t.number, q.number)`.as('number'),
      sql<string | null>`i.code`.as('itemCode'),
      sql<string | null>`coalesce((select v.basic_code from item_versions v where v.id = k.item_version_id),
        (select v.basic_code from item_versions v where v.item_id = r.item_id order by v.status = 'published' desc, v.version desc limit 1))`.as('basicCode'),
      sql<string | null>`(select a.area_code from centers a where a.area_code is not null and c.path like a.path || '%' order by length(a.path) desc limit 1)`.as('areaCode'),
      'c.code as centerCode', 'c.name as centerName', 'f.status as followupStatus',
    ])
    .where('r.center_path', 'like', `${path}%`).where('r.rated_on', '>=', from).where('r.rated_on', '<=', to)
    .orderBy('r.id').execute()
}
