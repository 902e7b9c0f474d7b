// Password hashing with argon2id (the maintained `argon2` binding; prebuilt binaries ship in the npm package).
// Parameters: OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane). The library default (64 MiB, 3 passes,
// 4 lanes) allowed only about 2 logins/s on a 2-core machine (bench:session). Every hash and verify goes through one
// HashLimiter, leaving a core for everything else and taking turns between client addresses (issue 11 item 3).
import os from 'node:os'
import argon2 from 'argon2'
import { passwordProblem } from '../../domain/password-policy.js'
import { HashLimiter } from './hash-limiter.js'

const PARAMS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

/** cores − 1 hashes at once (one more for logins from addresses that have not failed), 16 waiting per address, 64 in all. */
export const hashLimiter = new HashLimiter(Math.max(1, os.availableParallelism() - 1), 64, 16, 1)

export function hashPassword(plain: string): Promise<string> {
  return hashLimiter.run(() => argon2.hash(plain, PARAMS))
}

/**
 * Who waits for a verify (the client address of a login), whether it has recently failed (served last), and a check
 * to run once its turn comes, before hashing (a block that began while it waited refuses it without the hash).
 */
export interface HashTurn { key: string; low: boolean; beforeHash?: () => Promise<void> }

export async function verifyPassword(hash: string, plain: string, turn?: HashTurn): Promise<boolean> {
  return hashLimiter.run(async () => {
    await turn?.beforeHash?.()
    try { return await argon2.verify(hash, plain) } catch { return false }
  }, turn?.key, turn?.low)
}

let dummy: Promise<string> | undefined
/** Verify against a throwaway hash so an unknown username costs the same time as a wrong password. */
export async function burnVerify(plain: string, turn?: HashTurn): Promise<void> {
  dummy ??= argon2.hash('yizhan-no-such-user', PARAMS)
  const hash = await dummy
  await verifyPassword(hash, plain, turn)
}

/** The password rule without the history check (src/domain/password-policy.ts). */
export function checkPasswordStrength(plain: string, username?: string): string | undefined {
  return passwordProblem(plain, username)
}
