// 办理渠道 statistics: cases received in a range within a scope, counted by how they were served, and the trips they
// cost the applicant (tripsOf: 代办 and 上门办 none; a 容缺 material brought to the window one more). Also trips per
// case with and without 容缺 and 一件事 bundles (a bundle's trips counted once), for the operations report.
import { sql } from 'kysely'
import { CHANNELS, CHANNEL_LABELS, tripsOf, type Channel } from '../../domain/channels.js'
import { errors } from '../../domain/errors.js'
import { assertCan, assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../kernel/context.js'
import { today } from '../../domain/clock.js'
import * as repo from './statistics.repository.js'
import { statisticsDates } from './statistics.service.js'

interface Tally { cases: number; trips: number; tripsPerCase: number | null }
const tally = (): Tally => ({ cases: 0, trips: 0, tripsPerCase: null })
const add = (t: Tally, trips: number) => { t.cases += 1; t.trips += trips }
const finish = (t: Tally) => ({ ...t, tripsPerCase: t.cases ? Math.round((t.trips / t.cases) * 100) / 100 : null })

export async function channelStatistics(ctx: AppContext, actor: Actor, q: { from?: string; to?: string; centerId?: number }) {
  assertCan(actor, 'reports.read')
  const { from, to } = statisticsDates(q, today(ctx.clock))
  let scopePath = actor.centerPath
  if (q.centerId !== undefined) {
    const c = await repo.centerById(ctx.db, q.centerId)
    if (!c) throw errors.notFound('服务中心', q.centerId)
    assertCovers(actor, c.path)
    scopePath = c.path
  }
  const rows = await ctx.db.selectFrom('cases as k').innerJoin('item_versions as v', 'v.id', 'k.item_version_id')
    .select(['k.channel', 'v.visits', sql<boolean>`k.bundle_case_id is not null`.as('bundled'),
      sql<number>`(select count(*) from case_events e where e.case_id = k.id and e.action = 'supplement')::int`.as('corrections'),
      sql<number>`(select count(*) from case_materials m where m.case_id = k.id and m.handed_in_via = 'window')::int`.as('windowHandIns'),
      sql<boolean>`exists (select 1 from case_materials m where m.case_id = k.id and m.deferred)`.as('deferred'),
      // a bundle's parts share the applicant's trips: counted once, on its first part
      sql<boolean>`k.bundle_case_id is not null and k.id <> (select min(c2.id) from cases c2 where c2.bundle_case_id = k.bundle_case_id)`.as('laterPart')])
    .where('k.origin_path', 'like', `${scopePath}%`).where('k.received_on', '>=', from).where('k.received_on', '<=', to)
    .where('k.status', '<>', 'refused').execute()
  const byChannel = new Map<Channel, Tally>(CHANNELS.map((c) => [c, tally()]))
  const withCommitment = tally(); const bundled = tally(); const plain = tally(); const total = tally()
  for (const r of rows) {
    const trips = r.laterPart ? 0 : tripsOf({ channel: r.channel as Channel, visits: r.visits, corrections: r.corrections, windowHandIns: r.windowHandIns })
    add(byChannel.get(r.channel as Channel)!, trips)
    add(total, trips)
    if (r.deferred) add(withCommitment, trips)
    if (r.bundled) add(bundled, trips)
    if (!r.deferred && !r.bundled) add(plain, trips)
  }
  return {
    from, to,
    channels: CHANNELS.map((c) => ({ channel: c, name: CHANNEL_LABELS[c], ...finish(byChannel.get(c)!) })),
    total: finish(total), withCommitment: finish(withCommitment), bundled: finish(bundled), withoutEither: finish(plain),
  }
}
