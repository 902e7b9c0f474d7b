// How a search term matches an item: a substring of its name (any script), a substring of its 实施编码 or
// 基本编码, its pinyin initials (最低生活保障 ← 'zdsh'), a part of its full pinyin ('linshijiuzhu') or of a 俗称 (低保).
// Each way has its own index (migration 0004). A term of letters only is not looked up among codes; one with a
// digit or a sign is, through a union of lookups (an OR across two tables would scan both).
import { sql, type RawBuilder } from 'kysely'
import type { ItemVersionStatus } from '../../domain/vocabulary.js'

const MAX_TERMS = 5

/** The terms of a query: split on blanks, lower-cased, at most five, each at most 50 characters. */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return []
  return q.normalize('NFKC').toLowerCase().replace(/[\u0000-\u001f\u007f]/g, ' ').split(/\s+/).map((t) => t.slice(0, 50)).filter(Boolean).slice(0, MAX_TERMS)
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c)
}

/** Letters only: read as pinyin. Codes (实施编码 = credit code + item digits, 基本编码 all digits) always have a digit. */
export const isPinyin = (t: string) => /^[a-z]+$/.test(t)
/** ASCII with a digit or a sign (e.g. 11420199mb, x-12): also looked up among codes. */
export const isCodeLike = (t: string) => /^[\x21-\x7e]+$/.test(t) && !isPinyin(t)

/** The ways `term` can match a version's own columns, for a version alias ('v') or the bare table (''). */
function versionConditions(term: string, v: string): RawBuilder<boolean>[] {
  const col = (c: string) => sql.ref(v ? `${v}.${c}` : c)
  const like = '%' + escapeLike(term) + '%'
  const conds = [sql<boolean>`(${col('name_grams')} @> yz_query_grams(${term}) and ${col('name')} ilike ${like})`]
  if (isCodeLike(term)) conds.push(sql<boolean>`${col('basic_code')} ilike ${like}`)
  if (isPinyin(term)) {
    conds.push(sql<boolean>`${col('name_initials')} like ${like}`)
    conds.push(sql<boolean>`${col('name_pinyin')} like ${like}`)
  }
  conds.push(sql<boolean>`array_to_string(${col('keywords')}, ' ') ilike ${like}`)
  return conds
}

/**
 * True when `term` matches the item whose id is `itemId` (a column reference such as 'i.id') through one of
 * its versions in `statuses`, or through its 实施编码: a union of indexed lookups.
 */
export function itemMatches(term: string, itemId: string, statuses: readonly ItemVersionStatus[]): RawBuilder<boolean> {
  const inStatus = sql`status in (${sql.join(statuses.map((s) => sql.lit(s)))})`
  const branches = versionConditions(term, '').map((c) => sql`select item_id from item_versions where ${inStatus} and ${c}`)
  if (isCodeLike(term)) branches.push(sql`select id from service_items where code ilike ${'%' + escapeLike(term) + '%'}`)
  return sql<boolean>`${sql.ref(itemId)} in (${sql.join(branches, sql` union `)})`
}
