// Password hashing with argon2id (the maintained `argon2` binding; prebuilt binaries ship in the npm package).
// Parameters: OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane). The library default (64 MiB, 3 passes,
// 4 lanes) allowed only about 2 logins/s on a 2-core machine (bench:session).
import argon2 from 'argon2'

const PARAMS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, PARAMS)
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try { return await argon2.verify(hash, plain) } catch { return false }
}

let dummy: Promise<string> | undefined
/** Verify against a throwaway hash so an unknown username costs the same time as a wrong password. */
export async function burnVerify(plain: string): Promise<void> {
  dummy ??= hashPassword('yizhan-no-such-user')
  await verifyPassword(await dummy, plain)
}

export function checkPasswordStrength(plain: string): string | undefined {
  if (plain.length < 8) return '密码至少 8 位'
  if (!/[A-Za-z]/.test(plain) || !/\d/.test(plain)) return '密码须同时包含字母和数字'
  return undefined
}
