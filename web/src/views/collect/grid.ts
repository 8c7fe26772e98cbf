// The provider grid's cell logic: a cell is edited as text and sent as the facts-file JSON value of its fact
// type. Scalar cells read by the same rules as the unit's form (parseFactText); ledgers and judgements keep
// the JSON the XLSX export writes. A cell's message names what was typed, since the column says the fact.
import { i18n } from '@/i18n'
import { factText, isDecimalText, parseFactText, type FactType, type FactValue } from '@/utils/facts'

export type { FactType }

export type CellParsed = { ok: true; value: FactValue } | { ok: false; reason: string }

const structured = (type: FactType) => type === 'Ledger' || type === 'Judgement'
const numeric = (type: FactType) => type === 'Count' || type === 'Number' || type === 'Percent'

/** The value shown in the cell's input; ledgers and judgements keep their JSON, as the XLSX export does. */
export function cellText(type: FactType, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (structured(type) || typeof value === 'object') return JSON.stringify(value)
  return factText(type, value)
}

/** The JSON value of a cell's text, or why it cannot be read; an empty cell clears the value. */
export function parseCell(type: FactType, text: string, label?: string): CellParsed {
  const t = i18n.global.t
  const s = text.trim()
  if (s === '') return { ok: true, value: null }
  if (structured(type)) {
    try {
      return { ok: true, value: JSON.parse(s) as FactValue }
    } catch {
      return { ok: false, reason: t('fact.errors.cellJson') }
    }
  }
  if (numeric(type) && !isDecimalText(s)) return { ok: false, reason: t('fact.errors.notNumber', { text: s }) }
  const parsed = parseFactText(type, s, label)
  if (parsed.ok) return parsed
  return { ok: false, reason: type === 'Bool' ? t('fact.errors.notBool', { text: s }) : parsed.error }
}

export const cellKey = (unitId: number | string, factKey: string) => `${unitId}|${factKey}`
