// The signed-in user (GET /api/session), shared by the /app pages; a 401 anywhere sends the user to /login.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { api, ApiError, onUnauthorized, request, setCsrfToken } from './api'
import type { ApiResponse } from './lib/apiTypes'

export type SessionUser = ApiResponse<'/api/session', 'get'>

export async function logIn(username: string, password: string): Promise<SessionUser> {
  const user = await request<SessionUser>('POST', '/api/session', { body: { username, password }, quiet401: true })
  setCsrfToken(user.csrfToken)
  return user
}

interface SessionState { user: SessionUser; logOut(): Promise<void> }
const SessionContext = createContext<SessionState | null>(null)

export function useSession(): SessionState {
  const s = useContext(SessionContext)
  if (!s) throw new Error('useSession outside <SessionProvider>')
  return s
}

/** Loads the session; renders `fallback` meanwhile and redirects to /login?next=… when there is none. */
export function SessionProvider({ children, fallback, failed }: { children: ReactNode; fallback: ReactNode; failed(error: unknown, retry: () => void): ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [attempt, setAttempt] = useState(0)
  const navigate = useNavigate()
  const location = useLocation()
  const here = location.pathname + location.search

  const toLogin = useCallback(() => {
    setCsrfToken(null)
    navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true })
  }, [navigate, here])

  useEffect(() => {
    let live = true
    request<SessionUser>('GET', '/api/session', { quiet401: true })
      .then((u) => { if (live) { setCsrfToken(u.csrfToken); setUser(u) } })
      .catch((e) => {
        if (!live) return
        if (e instanceof ApiError && e.status === 401) toLogin()
        else setError(e)
      })
    return () => { live = false }
    // Load once per mount (and per retry); later 401s come through onUnauthorized.
  }, [attempt])

  useEffect(() => onUnauthorized(toLogin), [toLogin])

  const logOut = useCallback(async () => {
    await api.delete('/api/session').catch(() => undefined)
    setCsrfToken(null)
    setUser(null)
    navigate('/login', { replace: true })
  }, [navigate])

  const value = useMemo(() => (user ? { user, logOut } : null), [user, logOut])
  if (!value && error) return <>{failed(error, () => { setError(null); setAttempt((n) => n + 1) })}</>
  if (!value) return <>{fallback}</>
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}
