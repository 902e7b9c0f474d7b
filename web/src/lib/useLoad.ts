// Load data for a page: re-runs when `deps` change, aborts the previous load, and exposes reload().
import { useCallback, useEffect, useRef, useState } from 'react'

export interface Loaded<T> { data: T | undefined; error: unknown; loading: boolean; reload(): void }

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true })
  const [tick, setTick] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    const ctl = new AbortController()
    setState((s) => ({ ...s, loading: true, error: undefined }))
    loadRef.current(ctl.signal).then(
      (data) => { if (!ctl.signal.aborted) setState({ data, error: undefined, loading: false }) },
      (error) => { if (!ctl.signal.aborted) setState((s) => ({ ...s, error, loading: false })) },
    )
    return () => ctl.abort()
  }, [...deps, tick])

  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { ...state, reload }
}
