// The password rule (等保 2.0 level 2 身份鉴别: 口令复杂度): at least 8 characters with letters and digits, not the
// username, and none of the last few passwords of the account again (checked against stored hashes by the service).
export const PASSWORD_MIN_LENGTH = 8
/** A new password may not equal the current one or any of the previous PASSWORD_HISTORY - 1. */
export const PASSWORD_HISTORY = 5

export function passwordProblem(plain: string, username?: string): string | undefined {
  if (plain.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`
  if (!/[A-Za-z]/.test(plain) || !/\d/.test(plain)) return '密码须同时包含字母和数字'
  const name = username?.trim().toLowerCase()
  if (name && (name.length >= 3 ? plain.toLowerCase().includes(name) : plain.toLowerCase() === name)) return '密码不能包含用户名'
  return undefined
}
