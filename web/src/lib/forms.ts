// Server validation problems onto the form: `details[].field` such as 'body.materials.0.name'
// becomes the form path ['materials', 0, 'name'] and shows under that field.
import type { FormInstance } from 'antd'
import { useState } from 'react'
import { ApiError, errorMessage } from '../api'
import { t } from '../i18n'

export function fieldPath(field: string): (string | number)[] {
  return field.replace(/^(body|query|params)\./, '').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))
}

/** Puts each field problem under its field; returns the message to show for the whole form. */
export function showFormErrors(form: FormInstance, e: unknown, renames: Record<string, string> = {}): string {
  if (e instanceof ApiError && e.fieldProblems.length) {
    const byField = new Map<string, string[]>()
    for (const p of e.fieldProblems) {
      const key = fieldPath(p.field).join('.')
      byField.set(key, [...(byField.get(key) ?? []), p.message])
    }
    form.setFields([...byField].map(([key, errors]) => ({ name: fieldPath(renames[key] ?? key), errors })))
    return t('form.fixFields', { problems: e.fieldProblems.map((p) => p.message).join('；') })
  }
  return errorMessage(e)
}

/** A form's save: busy while it runs; a failure puts field problems under their fields and returns the message. */
export function useFormSubmit(form: FormInstance) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function submit(save: () => Promise<void>) {
    setBusy(true)
    setError(null)
    try {
      await save()
    } catch (e) {
      setError(showFormErrors(form, e))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, clearError: () => setError(null), submit }
}
