// One flat list of application errors with stable codes. Domain and service code throw these;
// only src/server/errors.ts knows how each kind becomes an HTTP status.
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'locked' | 'too_large'

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

export interface FieldProblem { field: string; message: string }

export const errors = {
  validation: (details: FieldProblem[], message = '输入有误: ' + details.map((d) => d.field).join(', ')) =>
    new AppError('invalid', 'validation_failed', message, details),
  invalid: (code: string, message: string, details?: unknown) => new AppError('invalid', code, message, details),
  unauthenticated: (message = '请先登录') => new AppError('unauthenticated', 'unauthenticated', message),
  badCredentials: () => new AppError('unauthenticated', 'bad_credentials', '用户名或密码错误'),
  forbidden: (message = '没有权限') => new AppError('forbidden', 'forbidden', message),
  outsideJurisdiction: () => new AppError('forbidden', 'outside_jurisdiction', '不在本账号的辖区范围内'),
  csrf: () => new AppError('forbidden', 'csrf_failed', '缺少或无效的 CSRF 令牌 (x-csrf-token)'),
  notFound: (what: string, id?: unknown) =>
    new AppError('not_found', 'not_found', `${what}不存在`, id === undefined ? undefined : { id }),
  conflict: (code: string, message: string, details?: unknown) => new AppError('conflict', code, message, details),
  tooLarge: (message: string, details?: unknown) => new AppError('too_large', 'payload_too_large', message, details),
  lockedOut: (retryAfterSeconds: number) =>
    new AppError('locked', 'locked_out', '登录失败次数过多，请稍后再试', { retryAfterSeconds }),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('locked', 'rate_limited', `请求过于频繁，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds }),
  busy: (retryAfterSeconds = 1) => new AppError('locked', 'busy', '登录请求过多，请稍后再试', { retryAfterSeconds }),
}
