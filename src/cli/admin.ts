// `admin create` for a fresh, non-demo install: the first administrator (and the district center if none exists).
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { errors } from '../domain/errors.js'
import { appendAudit } from '../features/audit/audit.repository.js'
import { insertCenter } from '../features/network/centers.repository.js'
import { checkPasswordStrength, hashPassword } from '../features/session/passwords.js'

export async function createAdmin(db: Db, input: { username?: string; password?: string; name?: string; centerName?: string }) {
  const problems = []
  if (!input.username || !/^[A-Za-z0-9._-]{2,50}$/.test(input.username)) problems.push({ field: '--username', message: '2-50 位字母、数字或 . _ -' })
  const weak = input.password ? checkPasswordStrength(input.password, input.username) : '必填'
  if (weak) problems.push({ field: '--password', message: weak })
  if (problems.length) throw errors.validation(problems, problems.map((p) => `${p.field}: ${p.message}`).join('; '))
  const hash = await hashPassword(input.password!)
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where(sql`lower(username)`, '=', input.username!.toLowerCase()).executeTakeFirst()
    if (taken) throw errors.conflict('duplicate_username', `用户名 ${input.username} 已存在`)
    let district = await trx.selectFrom('centers').select(['id', 'name']).where('level', '=', 'district').orderBy('id').executeTakeFirst()
    if (!district) {
      const name = input.centerName ?? '区行政服务中心'
      const { id } = await insertCenter(trx, { code: 'D01', name, level: 'district', parent: null })
      district = { id, name }
    }
    const user = await trx.insertInto('users').values({
      username: input.username!, name: input.name ?? '系统管理员', password_hash: hash, roles: ['admin'], center_id: district.id, window_id: null,
    }).returning('id').executeTakeFirstOrThrow()
    await appendAudit(trx, { actorId: null, centerId: district.id, action: 'user.create', entity: 'user', entityId: user.id, data: { username: input.username, roles: ['admin'], via: 'cli' } })
    return { username: input.username!, centerName: district.name }
  })
}
