// The address QR codes and printed notices carry: the server's PUBLIC_URL (GET /api/public/site), or, when the
// district has not set one, the address this browser used. Read once per page load.
import { useEffect, useState } from 'react'
import { api } from '../api'

let site: Promise<string> | undefined

export function publicOrigin(): Promise<string> {
  site ??= api.get<{ publicUrl: string | null }>('/api/public/site')
    .then((s) => s.publicUrl ?? window.location.origin, () => window.location.origin)
  return site
}

/** The public origin, or undefined until it is known (a QR code waits for it rather than print the wrong one). */
export function usePublicOrigin(): string | undefined {
  const [origin, setOrigin] = useState<string>()
  useEffect(() => {
    let live = true
    void publicOrigin().then((o) => { if (live) setOrigin(o) })
    return () => { live = false }
  }, [])
  return origin
}
