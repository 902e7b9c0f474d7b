// The one way the web app talks to the server: JSON, same-origin cookies, the CSRF header on writes,
// and `{ error: { code, message, details } }` turned into a thrown ApiError the pages can show.
import { t } from './i18n'

export interface FieldProblem { field: string; message: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /**
   * Per-field problems: validation errors list `[{ field: 'body.name', message }]`; a conflict on one field
   * (e.g. a duplicate code) names it as `{ field: 'body.code' }` and the error's message says what is wrong.
   */
  get fieldProblems(): FieldProblem[] {
    const d = this.details as { field?: unknown } | unknown[] | undefined
    if (Array.isArray(d)) {
      return d.filter((p): p is FieldProblem => !!p && typeof (p as FieldProblem).field === 'string' && typeof (p as FieldProblem).message === 'string')
    }
    if (d && typeof d.field === 'string') return [{ field: d.field, message: this.message }]
    return []
  }
}

let csrfToken: string | null = null

/** Remember the CSRF token issued with the session (POST/GET /api/session). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** Listeners told when any request answers 401 (the session ended): the app sends the user to /login. */
const unauthorizedListeners = new Set<() => void>()
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn)
  return () => unauthorizedListeners.delete(fn)
}

/** A page that must not be left on a 401 (the agent's page while intakes wait on the device) handles it itself: true keeps it. */
let unauthorizedGuard: (() => boolean) | null = null
export function guardUnauthorized(fn: () => boolean): () => void {
  unauthorizedGuard = fn
  return () => { if (unauthorizedGuard === fn) unauthorizedGuard = null }
}

type Query = Record<string, string | number | boolean | undefined | null>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  const s = params.toString()
  return s ? `${path}?${s}` : path
}

export interface RequestOptions { query?: Query; body?: unknown; signal?: AbortSignal; quiet401?: boolean }

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  let body: BodyInit | undefined
  if (opts.body instanceof FormData) body = opts.body
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken

  let res: Response
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal })
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    throw new ApiError(0, 'network', t('error.network'))
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  let data: unknown
  try { data = text ? JSON.parse(text) : undefined } catch { data = undefined }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error
    if (res.status === 401 && !opts.quiet401 && !unauthorizedGuard?.()) unauthorizedListeners.forEach((fn) => fn())
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? t('error.http', { status: res.status }), err?.details)
  }
  return data as T
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
}

/** The message to show a person for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error) return e.message
  return t('error.unknown')
}
