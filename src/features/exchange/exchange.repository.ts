// SQL of the exchange log: the sender's queue (claimed with SKIP LOCKED, failed records first, a key's versions and a
// case's 受理 in order), the attempts, acknowledgements and refusals, and the reconciliation per center and day.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { ExchangeStage } from '../../domain/exchange-layout.js'

export interface Claimed {
  /** Null: a rating of a hall ticket or a consultation. */
  id: number; rowGuid: string; caseId: number | null; stage: ExchangeStage; seq: number; operation: 'I' | 'U' | 'D'; version: number
  payload: Record<string, unknown>; attempts: number; occurredAt: Date
}

/**
 * Due records: failed ones first, then new ones in the order they were written (each from its own partial index).
 * A record waits while an earlier version of its key is pending (a rating without a case: of its rating), and a case's
 * other records while its 受理 is (the steps a 受理 opens are written before the 受理 event in the same transaction).
 */
export async function claimDue(trx: Db, now: Date, limit: number): Promise<Claimed[]> {
  const pick = (retried: boolean, n: number) => sql<Claimed>`
    select r.id, r.row_guid::text as "rowGuid", r.case_id::int as "caseId", r.stage, r.seq, r.operation, r.version, r.payload,
      r.attempts, r.occurred_at as "occurredAt"
    from exchange_records r
    where r.status = 'pending' and ${retried ? sql`r.attempts > 0` : sql`r.attempts = 0`} and r.next_attempt_at <= ${now}
      and not exists (select 1 from exchange_records p where p.case_id = r.case_id and p.status = 'pending' and p.id <> r.id
        and ((p.stage = r.stage and p.seq = r.seq and p.version < r.version) or (p.stage = 'accept' and p.version = 1 and r.stage <> 'accept')))
      and (r.case_id is not null or not exists (select 1 from exchange_records p where p.rating_id = r.rating_id and p.status = 'pending' and p.version < r.version))
    order by r.id
    limit ${n}
    for update of r skip locked`.execute(trx)
  const retried = (await pick(true, limit)).rows
  const fresh = retried.length < limit ? (await pick(false, limit - retried.length)).rows : []
  return [...retried, ...fresh]
}

export type Outcome = 'ok' | 'exists' | 'throttled' | 'refused' | 'failed'

export interface Attempt { recordId: number; at: Date; adapter: string; worker: string; outcome: Outcome; request: string; reply: string }

/** A batch's requests and replies in one statement. */
export function insertAttempts(trx: Db, list: readonly Attempt[]) {
  if (!list.length) return Promise.resolve()
  return trx.insertInto('exchange_attempts').values(list.map((a) => ({
    record_id: a.recordId, at: a.at, adapter: a.adapter, worker: a.worker, outcome: a.outcome, request: a.request.slice(0, 8000), reply: a.reply.slice(0, 4000),
  }))).execute()
}

/** Written where the province reads it (staging) or taken by the province (push): sent, or acknowledged at once. */
export function markDelivered(trx: Db, ids: readonly number[], at: Date, acked: boolean) {
  if (!ids.length) return Promise.resolve()
  return trx.updateTable('exchange_records')
    .set({ status: acked ? 'acked' : 'sent', sent_at: at, acked_at: acked ? at : null, attempts: sql`attempts + 1`, last_error: null })
    .where('id', 'in', ids).execute()
}

export function markRefused(trx: Db, id: number, at: Date, reason: string) {
  return trx.updateTable('exchange_records').set({ status: 'refused', refused_reason: reason.slice(0, 1000), attempts: sql`attempts + 1`, sent_at: at })
    .where('id', '=', id).execute()
}

export function markRetry(trx: Db, id: number, next: Date, error: string) {
  return trx.updateTable('exchange_records').set({ attempts: sql`attempts + 1`, next_attempt_at: next, last_error: error.slice(0, 1000) })
    .where('id', '=', id).execute()
}

/** The province's 统一申办流水号, kept on the case beside Yizhan's number (the first one assigned stays). */
export function setProvinceNumber(trx: Db, caseId: number, no: string) {
  return trx.updateTable('cases').set({ province_number: no }).where('id', '=', caseId).where('province_number', 'is', null).execute()
}

/** Yizhan's own case numbers (center code, year, serial; a bundle's with B); anything else may be the province's. */
const OWN_NUMBER = /^[0-9A-Za-z]+-\d{4}-B?\d{7,}$/

/** The progress page takes the province's 统一申办流水号 too (what the provincial portal shows): Yizhan's number for it. */
export async function resolveProvinceNumber(db: Db, number: string): Promise<string> {
  if (OWN_NUMBER.test(number) || number.startsWith('OFL-')) return number
  const k = await db.selectFrom('cases').select('number').where('province_number', '=', number).executeTakeFirst()
  return k?.number ?? number
}

/** Records written to the staging tables and not yet taken or refused by the province's job. */
export function listSent(db: Db, limit: number) {
  return db.selectFrom('exchange_records').select(['id', 'row_guid as rowGuid', 'stage']).where('status', '=', 'sent').orderBy('id').limit(limit).execute()
}

export function markStagingAcks(db: Db, acks: readonly { id: number; at: Date; refused: string | null }[]) {
  return db.transaction().execute(async (trx) => {
    for (const a of acks) {
      await trx.updateTable('exchange_records')
        .set(a.refused === null ? { status: 'acked', acked_at: a.at } : { status: 'refused', refused_reason: a.refused.slice(0, 1000) })
        .where('id', '=', a.id).where('status', '=', 'sent').execute()
    }
  })
}

/** A refused record sent again after its data was put right: the identifiers read again, the same row_guid. */
export function resend(trx: Db, id: number, at: Date) {
  return sql`update exchange_records set status = 'pending', next_attempt_at = ${at}, refused_reason = null,
    payload = payload || coalesce((case when case_id is not null then yz_exchange_head(case_id) else yz_exchange_service_head(rating_id) end) - 'center_id', '{}')
    where id = ${id} and status = 'refused' returning id`.execute(trx)
}

export interface ReconciliationRow {
  centerId: number; centerName: string; created: number; sent: number; acknowledged: number; refused: number; pending: number
  oldestUnacknowledged: Date | null
}

/** Per center: records of the day (China time) and what became of them; the oldest record still unacknowledged. */
export async function reconciliation(db: Db, day: string, centerPath: string): Promise<ReconciliationRow[]> {
  const { rows } = await sql<ReconciliationRow>`
    select c.id as "centerId", c.name as "centerName",
      count(*) filter (where r.created_at >= d.start and r.created_at < d.start + interval '1 day')::int as created,
      count(*) filter (where r.created_at >= d.start and r.created_at < d.start + interval '1 day' and r.status <> 'pending')::int as sent,
      count(*) filter (where r.created_at >= d.start and r.created_at < d.start + interval '1 day' and r.status = 'acked')::int as acknowledged,
      count(*) filter (where r.created_at >= d.start and r.created_at < d.start + interval '1 day' and r.status = 'refused')::int as refused,
      count(*) filter (where r.created_at >= d.start and r.created_at < d.start + interval '1 day' and r.status = 'pending')::int as pending,
      min(r.created_at) filter (where r.status in ('pending', 'sent')) as "oldestUnacknowledged"
    from exchange_records r join centers c on c.id = r.center_id,
      (select (${day}::date)::timestamp at time zone 'Asia/Shanghai' as start) d
    where (c.path like ${centerPath + '%'}) and r.created_at < d.start + interval '1 day'
    group by c.id, c.name order by c.id`.execute(db)
  return rows
}

/** The province's reasons for the day's refusals of a set of centers. */
export async function refusedOf(db: Db, day: string, centerPath: string, limit = 200) {
  const { rows } = await sql<{ id: number; centerId: number; caseNumber: string; stage: string; seq: number; operation: string; reason: string | null; at: Date }>`
    select r.id, r.center_id as "centerId", r.payload->>'project_no' as "caseNumber", r.stage, r.seq, r.operation,
      r.refused_reason as reason, r.sent_at as at
    from exchange_records r join centers c on c.id = r.center_id
    where r.status = 'refused' and c.path like ${centerPath + '%'}
      and r.created_at >= (${day}::date)::timestamp at time zone 'Asia/Shanghai' and r.created_at < (${day}::date + 1)::timestamp at time zone 'Asia/Shanghai'
    order by r.id limit ${limit}`.execute(db)
  return rows
}

export interface RecordListFilter { status?: string; caseId?: number; centerPath: string; limit: number; afterId?: number }

export function listRecords(db: Db, f: RecordListFilter) {
  let q = db.selectFrom('exchange_records as r').innerJoin('centers as c', 'c.id', 'r.center_id')
    .select(['r.id', 'r.row_guid as rowGuid', 'r.case_id as caseId', 'r.stage', 'r.seq', 'r.operation', 'r.version', 'r.status', 'r.attempts',
      'r.occurred_at as occurredAt', 'r.sent_at as sentAt', 'r.acked_at as ackedAt', 'r.last_error as lastError', 'r.refused_reason as refusedReason',
      sql<string>`r.payload->>'project_no'`.as('caseNumber'), 'c.name as centerName'])
    .where('c.path', 'like', f.centerPath + '%')
  if (f.status) q = q.where('r.status', '=', f.status as 'pending')
  if (f.caseId !== undefined) q = q.where('r.case_id', '=', f.caseId)
  if (f.afterId !== undefined) q = q.where('r.id', '>', f.afterId)
  return q.orderBy('r.id').limit(f.limit).execute()
}

export function listAttempts(db: Db, recordId: number) {
  return db.selectFrom('exchange_attempts').select(['id', 'at', 'adapter', 'worker', 'outcome', 'request', 'reply'])
    .where('record_id', '=', recordId).orderBy('id').execute()
}

/** For /metrics: records by status, and the age of the oldest unacknowledged one. */
export async function totals(db: Db) {
  const { rows } = await sql<{ pending: number; sent: number; acked: number; refused: number; oldest: number | null }>`
    select count(*) filter (where status = 'pending')::int as pending, count(*) filter (where status = 'sent')::int as sent,
      count(*) filter (where status = 'acked')::int as acked, count(*) filter (where status = 'refused')::int as refused,
      extract(epoch from now() - min(created_at) filter (where status in ('pending', 'sent')))::float8 as oldest
    from exchange_records`.execute(db)
  return rows[0]
}

/** The identifiers the province needs, in a jurisdiction: each center's 区划代码 (its own, and the 12 digits its records
 * carry: its own or the nearest above), each department's 统一社会信用代码. */
export async function identifiers(db: Db, centerPath: string) {
  const { rows: centers } = await sql<{ id: number; name: string; level: string; areaCode: string | null; recordAreaCode: string | null }>`
    select c.id, c.name, c.level, c.area_code as "areaCode",
      (select rpad(a.area_code, 12, '0') from centers a where a.area_code is not null and (a.id = c.id or c.path like a.path || '%')
        order by length(a.path) desc limit 1) as "recordAreaCode"
    from centers c where c.path like ${centerPath + '%'} and c.status = 'active' order by c.path`.execute(db)
  const departments = await db.selectFrom('departments as d').innerJoin('centers as c', 'c.id', 'd.center_id')
    .select(['d.id', 'd.name', 'c.name as centerName', 'd.credit_code as creditCode'])
    .where('c.path', 'like', centerPath + '%').where('d.status', '=', 'active').orderBy('c.path').orderBy('d.id').execute()
  return { centers, departments }
}
