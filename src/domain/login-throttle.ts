// Login throttling: failures are counted per (username, client address) and per client address. Below a threshold
// nothing happens; from it on, each further failure blocks that identity for twice as long, up to a ceiling. The
// account itself is never locked: an address that has not failed still logs in.
export interface ThrottleRule { threshold: number; baseSeconds: number; maxSeconds: number }

export interface ThrottleSettings { lockoutAttempts: number; lockoutMinutes: number; ipLockoutAttempts: number; ipLockoutMinutes: number }

export function throttleRules(s: ThrottleSettings): { userIp: ThrottleRule; ip: ThrottleRule } {
  return {
    userIp: { threshold: Math.max(1, s.lockoutAttempts), baseSeconds: 60, maxSeconds: Math.max(60, s.lockoutMinutes * 60) },
    ip: { threshold: Math.max(1, s.ipLockoutAttempts), baseSeconds: 60, maxSeconds: Math.max(60, s.ipLockoutMinutes * 60) },
  }
}

/** Seconds an identity is blocked after its `failures`-th failure in a row. */
export function blockSeconds(failures: number, rule: ThrottleRule): number {
  if (failures < rule.threshold) return 0
  return Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** Math.min(failures - rule.threshold, 30))
}

/** Failures older than this are forgotten: the count starts again. */
export const FAILURE_MEMORY_HOURS = 24
