// Migrations run at start (and by `yizhan migrate`); a static list so they work from source and bundles.
import { Migrator, sql, type Migration, type MigrationResultSet } from 'kysely'
import type { Db } from './database.js'
import * as m0001 from './migrations/0001_skeleton.js'
import * as m0002 from './migrations/0002_network_catalog.js'
import * as m0004 from './migrations/0004_catalog.js'
import * as m0005 from './migrations/0005_calendar.js'
import * as m0006 from './migrations/0006_catalog_generation.js'
import * as m0010 from './migrations/0010_cases.js'
import * as m0011 from './migrations/0011_case_co_departments.js'
import * as m0012 from './migrations/0012_progress_notify.js'
import * as m0020 from './migrations/0020_levels.js'
import * as m0030 from './migrations/0030_hall.js'
import * as m0040 from './migrations/0040_network_generation.js'
import * as m0041 from './migrations/0041_rate_limit_hits.js'
import * as m0050 from './migrations/0050_security.js'
import * as m0051 from './migrations/0051_drop_login_failures.js'
import * as m0060 from './migrations/0060_catalog_keywords.js'
import * as m0070 from './migrations/0070_supervision.js'
import * as m0071 from './migrations/0071_demo_history.js'
import * as m0080 from './migrations/0080_statistics.js'
import * as m0081 from './migrations/0081_statistics_lean_trigger.js'
import * as m0090 from './migrations/0090_ticket_ratings.js'
import * as m0091 from './migrations/0091_digest_messages.js'
import * as m0100 from './migrations/0100_legal_limits.js'
import * as m0101 from './migrations/0101_material_problems.js'
import * as m0102 from './migrations/0102_permit_issue_stand_in.js'
import * as m0120 from './migrations/0120_sms_providers.js'
import * as m0121 from './migrations/0121_special_message_params.js'
import * as m0130 from './migrations/0130_case_files.js'
import * as m0131 from './migrations/0131_offline_receipts.js'
import * as m0132 from './migrations/0132_standing_proxies.js'
import * as m0133 from './migrations/0133_offline_intake_tasks.js'
import * as m0140 from './migrations/0140_rating_form.js'
import * as m0141 from './migrations/0141_visit_rating_invites.js'
import * as m0145 from './migrations/0145_good_rating_statistics.js'
import * as m0150 from './migrations/0150_commitments.js'
import * as m0151 from './migrations/0151_bundles.js'
import * as m0152 from './migrations/0152_channels.js'
import * as m0153 from './migrations/0153_priority_lane.js'
import * as m0160 from './migrations/0160_applicant_representatives.js'
import * as m0161 from './migrations/0161_opening_hours.js'
import * as m0162 from './migrations/0162_consecutive_steps.js'
import * as m0170 from './migrations/0170_exchange.js'
import * as m0171 from './migrations/0171_exchange_ratings_numbers.js'
import * as m0172 from './migrations/0172_decision_message_wording.js'

const migrations: Record<string, Migration> = {
  '0001_skeleton': m0001,
  '0002_network_catalog': m0002,
  '0004_catalog': m0004,
  '0005_calendar': m0005,
  '0006_catalog_generation': m0006,
  '0010_cases': m0010,
  '0011_case_co_departments': m0011,
  '0012_progress_notify': m0012,
  '0020_levels': m0020,
  '0030_hall': m0030,
  '0040_network_generation': m0040,
  '0041_rate_limit_hits': m0041,
  '0050_security': m0050,
  '0051_drop_login_failures': m0051,
  '0060_catalog_keywords': m0060,
  '0070_supervision': m0070,
  '0071_demo_history': m0071,
  '0080_statistics': m0080,
  '0081_statistics_lean_trigger': m0081,
  '0090_ticket_ratings': m0090,
  '0091_digest_messages': m0091,
  '0100_legal_limits': m0100,
  '0101_material_problems': m0101,
  '0102_permit_issue_stand_in': m0102,
  '0120_sms_providers': m0120,
  '0121_special_message_params': m0121,
  '0130_case_files': m0130,
  '0131_offline_receipts': m0131,
  '0132_standing_proxies': m0132,
  '0133_offline_intake_tasks': m0133,
  '0140_rating_form': m0140,
  '0141_visit_rating_invites': m0141,
  '0145_good_rating_statistics': m0145,
  '0150_commitments': m0150,
  '0151_bundles': m0151,
  '0152_channels': m0152,
  '0153_priority_lane': m0153,
  '0160_applicant_representatives': m0160,
  '0161_opening_hours': m0161,
  '0162_consecutive_steps': m0162,
  '0170_exchange': m0170,
  '0171_exchange_ratings_numbers': m0171,
  '0172_decision_message_wording': m0172,
}

function migrator(db: Db): Migrator {
  // Features are numbered in ranges of their own (cases 0010–, hall 0030–, …): a database that already ran a later
  // range still gets an earlier one that lands after it.
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true })
}

function check(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    throw new Error(`数据库迁移失败 migration ${failed?.migrationName ?? ''} failed: ${String((result.error as Error).message ?? result.error)}`)
  }
  return result
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  if (await upToDate(db)) return { results: [] }
  return check(await migrator(db).migrateToLatest())
}

/** Every migration already ran: one query instead of the migrator's tables, lock and reads (a restart's usual case). */
async function upToDate(db: Db): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
    const done = new Set(rows.map((r) => r.name))
    return Object.keys(migrations).every((name) => done.has(name))
  } catch {
    return false // a new database: no migration table yet
  }
}

export async function migrateDown(db: Db): Promise<MigrationResultSet> {
  return check(await migrator(db).migrateDown())
}
