// Helpers every network use case shares: schema pieces, the jurisdiction check on a center,
// and collecting field problems so a client learns every bad field at once.
import { sql } from 'kysely'
import { Type } from 'typebox'
import type { Db } from '../../db/database.js'
import { errors, type FieldProblem } from '../../domain/errors.js'
import { assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { CenterLevel } from '../../domain/vocabulary.js'

// ── schema pieces. Text never carries NUL: PostgreSQL refuses it in text columns (that would be a 500).
/** A database id as clients send it (int4 range, so no out-of-range error reaches the database). */
export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 })
export const IdRef = Type.Object({ id: Type.Integer(), name: Type.String() })
export const NullableString = Type.Union([Type.String(), Type.Null()])
export const NullableInteger = Type.Union([Type.Integer(), Type.Null()])
/** A name shown on boards, notices and reports: one line, no control characters (no line breaks, tabs or NUL),
 * not blank. Markup is not refused here: every document writer escapes what it writes. */
export const Name = (maxLength = 100) => Type.String({ minLength: 1, maxLength, pattern: '^(?=.*\\S)[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]+$' })
export const Text = (maxLength = 200) => Type.String({ maxLength, pattern: '^[^\\u0000]*$' })
/** An identifier-like code: letters, digits, '-', '_' and '.'. */
export const Code = Type.String({ minLength: 1, maxLength: 50, pattern: '^[A-Za-z0-9._-]+$' })
/** YYYY-MM-DD with a plausible month and day; isRealDate() then rejects days like 02-30. */
export const DateOnly = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' })

/** ORDER BY district, towns, villages, for queries that alias centers as `c`. */
export const byCenterLevel = sql<number>`case c.level when 'district' then 0 when 'town' then 1 else 2 end`

/** Collects field problems and throws them together. */
export class Problems {
  readonly list: FieldProblem[] = []
  add(field: string, message: string): void { this.list.push({ field, message }) }
  throwIfAny(): void { if (this.list.length) throw errors.validation(this.list) }
}

export interface CenterRef { id: number; name: string; level: CenterLevel; path: string; status: string }

function selectCenter(db: Db, id: number) {
  return db.selectFrom('centers').select(['id', 'name', 'level', 'path', 'status']).where('id', '=', id)
}

/** The center `id` inside the actor's jurisdiction: 404 when unknown, 403 when outside. */
export async function getCenterInScope(db: Db, actor: Actor, id: number): Promise<CenterRef> {
  const c = await selectCenter(db, id).executeTakeFirst()
  if (!c) throw errors.notFound('中心', id)
  assertCovers(actor, c.path)
  return c
}

/**
 * A center named in a request body: a problem on `field` when unknown or retired, 403 when outside.
 * With `lock`, the row is held FOR SHARE so a concurrent retire waits for this transaction.
 */
export async function checkBodyCenter(db: Db, actor: Actor, id: number, field: string, problems: Problems, lock = false): Promise<CenterRef | undefined> {
  const q = selectCenter(db, id)
  const c = await (lock ? q.forShare() : q).executeTakeFirst()
  if (!c) { problems.add(field, `中心 ${id} 不存在`); return undefined }
  assertCovers(actor, c.path)
  if (c.status !== 'active') { problems.add(field, `${c.name}已停用`); return undefined }
  return c
}

/** A YYYY-MM-DD string naming a day that exists (2025-02-30 does not). */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]
}

/** The entries of `patch` that are given and differ from `before` (PATCH: absent means unchanged). */
export function changedFields<T extends object>(before: object, patch: T): Partial<T> {
  const was = before as Record<string, unknown>
  return Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && v !== was[k])) as Partial<T>
}

/** Unique ids, in first-seen order. */
export const uniq = (ids: readonly number[]): number[] => [...new Set(ids)]
