// The guide lives at /guide for citizens and at /app/guide inside the staff frame.
import { useLocation } from 'react-router'

export function useGuideBase(): string {
  return useLocation().pathname.startsWith('/app') ? '/app/guide' : '/guide'
}
