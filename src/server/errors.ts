// The one error handler: any error becomes { error: { code, message, details } } with a 4xx status,
// or a 500 that leaks nothing. Application errors come from src/domain/errors.ts.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { AppError, type ErrorKind, type FieldProblem } from '../domain/errors.js'
import { dbFault, RETRY_AFTER_SECONDS, type DbFault } from '../db/faults.js'

const STATUS: Record<ErrorKind, number> = {
  invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, locked: 429, too_large: 413,
}

/** Turn Ajv validation errors into one problem per field, with a dotted path. */
function fieldProblems(err: FastifyError): FieldProblem[] {
  const where = err.validationContext ?? 'body'
  const byField = new Map<string, string[]>()
  for (const p of rawProblems(err, where)) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message])
  return [...byField].map(([field, messages]) => ({ field, message: [...new Set(messages)].join('; ') }))
}

function rawProblems(err: FastifyError, where: string): FieldProblem[] {
  return (err.validation ?? []).map((v) => {
    const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.')
    const missing = (v.params as { missingProperty?: string }).missingProperty
    const extra = (v.params as { additionalProperty?: string }).additionalProperty
    const name = missing ?? extra
    const field = [where, base, name].filter(Boolean).join('.')
    return { field, message: extra ? '不允许的字段' : v.message ?? '无效' }
  })
}

const PG_CLIENT_ERRORS: Record<string, [number, string, string]> = {
  '22P02': [400, 'invalid_value', '参数格式无效'],
  '22007': [400, 'invalid_value', '日期格式无效'],
  '22008': [400, 'invalid_value', '日期超出范围'],
  '22003': [400, 'invalid_value', '数值超出范围'],
  '22021': [400, 'invalid_value', '文本含有无效字符'],
  '22P05': [400, 'invalid_value', '文本含有无效字符'],
  '22001': [400, 'invalid_value', '文本过长'],
  '23505': [409, 'duplicate', '记录已存在'],
  '23503': [409, 'referenced', '记录仍被引用或引用的记录不存在'],
}

const FAULT_ANSWERS: Record<DbFault, { code: string; message: string }> = {
  unavailable: { code: 'database_unavailable', message: '数据库暂时不可用，请稍后再试' },
  storage: { code: 'storage_low', message: '存储空间不足，暂停保存，请稍后再试' },
}

/** 503 with Retry-After for a database that is away or full (also used by the disk-space guard). */
export function faultReply(reply: FastifyReply, fault: DbFault): FastifyReply {
  return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS[fault])).send({ error: FAULT_ANSWERS[fault] })
}

export function installErrorHandler(app: FastifyInstance, onFault?: (fault: DbFault) => void): void {
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: { code: 'not_found', message: `没有这个地址: ${req.method} ${req.url.split('?')[0]}` } })
  })
  app.setErrorHandler((err: FastifyError & { code?: string }, req, reply) => {
    if (err instanceof AppError) {
      const status = STATUS[err.kind]
      if (status === 429) {
        const s = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
        if (s) reply.header('retry-after', String(s))
      }
      return reply.code(status).send({ error: { code: err.code, message: err.message, details: err.details } })
    }
    if (err.validation) {
      const details = fieldProblems(err)
      const message = '输入有误: ' + details.map((d) => d.field).join(', ')
      return reply.code(400).send({ error: { code: 'validation_failed', message, details } })
    }
    const fault = dbFault(err)
    if (fault) {
      req.log.warn({ pgCode: err.code, err: err.message }, fault === 'storage' ? 'database disk full' : 'database unavailable')
      onFault?.(fault)
      return faultReply(reply, fault)
    }
    const pg = err.code ? PG_CLIENT_ERRORS[err.code] : undefined
    if (pg) {
      req.log.info({ pgCode: err.code }, 'database rejected client input')
      return reply.code(pg[0]).send({ error: { code: pg[1], message: pg[2] } })
    }
    const status = err.statusCode ?? 500
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request'
      const message = status === 413 ? '请求体过大' : err.message
      return reply.code(status).send({ error: { code, message } })
    }
    req.log.error({ err }, 'unhandled error')
    return reply.code(500).send({ error: { code: 'internal', message: '服务器内部错误' } })
  })
}
