// The applicant checks of the server (GB 11643 ID numbers, GB 32100 credit codes, phones), run in the form for a quick hint.
import type { Rule } from 'antd/es/form'
import { isValidCreditCode } from '../../../../src/domain/credit-code.js'
import { isValidIdNumber } from '../../../../src/domain/id-number.js'
import { t } from '../../i18n'

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/

export function idNumberRule(kind: 'person' | 'organization'): Rule {
  return {
    validator: async (_r, value: string | undefined) => {
      if (!value) return
      const v = value.trim().toUpperCase()
      if (kind === 'person' && !isValidIdNumber(v)) throw new Error(t('intake.badId'))
      if (kind === 'organization' && !isValidCreditCode(v)) throw new Error(t('intake.badCredit'))
    },
  }
}

export const phoneRule: Rule = {
  validator: async (_r, value: string | undefined) => {
    if (value && !PHONE.test(value.trim())) throw new Error(t('intake.badPhone'))
  },
}

/** A fresh request id for one intake: a double-click or a retry of the same form sends the same one. */
export function newRequestId(): string {
  const rnd = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
  return `web-${rnd}`
}
