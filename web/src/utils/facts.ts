// Fact values in the facts-file JSON form the server reads (docs/scheme-format.md): bool true/false, count a
// whole number ≥ 0, number a decimal, percent 0–100, date yyyy-MM-dd, text, ledger a list of records,
// judgement {points, reason}. Numbers travel as JSON numbers written from the typed text, never through
// arithmetic, so 0.1 stays 0.1.

import type { FactValues } from '@/api/types'
import { i18n } from '@/i18n'

export type FactType = 'Bool' | 'Count' | 'Number' | 'Percent' | 'Date' | 'Text' | 'Ledger' | 'Judgement'

export type FactValue = boolean | number | string | Record<string, unknown> | Array<Record<string, unknown>> | null

/** Parsed values as a request body carries them (see FactValues for why the cast). */
export function factValues(facts: Record<string, FactValue>): FactValues {
  return facts as FactValues
}

export type Parsed = { ok: true; value: FactValue } | { ok: false; error: string }

const decimal = /^[+-]?\d+(\.\d+)?$/

/** Whether text (full-width or not, a percent sign allowed) is a decimal number at all, whatever its range. */
export function isDecimalText(text: string): boolean {
  const s = halfWidth(text).trim()
  return decimal.test(s.endsWith('%') ? s.slice(0, -1).trim() : s)
}

/**
 * Full-width forms (１２, ．, －, ％, the ideographic space) as their ASCII twins: a Chinese input method
 * types them, and a value reads the same either way.
 */
export function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

/** The yes/no words of every language the app speaks, so a value typed in Chinese reads on an English page too. */
function words(key: 'fact.yesWords' | 'fact.noWords'): string[] {
  return i18n.global.availableLocales.flatMap((locale) => i18n.global.t(key, {}, { locale }).toLowerCase().split(' '))
}

/**
 * Reads what a user typed into a fact's input or a provider grid cell; the one set of rules for every
 * scalar fact type. Empty text clears the fact (null). Errors are the sentence to show beside the field,
 * naming the label.
 */
export function parseFactText(type: FactType, text: string, label = i18n.global.t('fact.thisFact')): Parsed {
  const t = i18n.global.t
  const s = halfWidth(text).trim()
  if (s === '') return { ok: true, value: null }
  switch (type) {
    case 'Bool':
      if (words('fact.yesWords').includes(s.toLowerCase())) return { ok: true, value: true }
      if (words('fact.noWords').includes(s.toLowerCase())) return { ok: true, value: false }
      return { ok: false, error: t('fact.errors.bool', { label }) }
    case 'Count':
      if (!/^\d+$/.test(s)) return { ok: false, error: t('fact.errors.count', { label }) }
      return { ok: true, value: Number(s) }
    case 'Number':
      if (!decimal.test(s)) return { ok: false, error: t('fact.errors.number', { label }) }
      return { ok: true, value: Number(s) }
    case 'Percent': {
      const p = s.endsWith('%') ? s.slice(0, -1).trim() : s
      if (!decimal.test(p) || Number(p) < 0 || Number(p) > 100) return { ok: false, error: t('fact.errors.percent', { label }) }
      return { ok: true, value: Number(p) }
    }
    case 'Date': {
      const m = /^(\d{4})[-/.\u5e74](\d{1,2})[-/.\u6708](\d{1,2})\u65e5?$/.exec(s)
      if (!m) return { ok: false, error: t('fact.errors.date', { label }) }
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
      const date = new Date(Date.UTC(y, mo - 1, d))
      if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
        return { ok: false, error: t('fact.errors.invalidDate', { label }) }
      return { ok: true, value: `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` }
    }
    case 'Text':
      return { ok: true, value: text.trim() }
    default:
      return { ok: false, error: t('fact.errors.notText', { label }) }
  }
}

/** A stored value as the text its input shows (the inverse of parseFactText for the scalar types). */
export function factText(type: FactType, value: unknown): string {
  const t = i18n.global.t
  if (value === null || value === undefined) return ''
  if (type === 'Bool') return value === true ? t('fact.yes') : value === false ? t('fact.no') : String(value)
  if (type === 'Judgement' && typeof value === 'object') {
    const j = value as { points?: unknown; reason?: unknown }
    return t('fact.judgement', { points: String(j.points ?? ''), reason: String(j.reason ?? '') })
  }
  if (type === 'Ledger' && Array.isArray(value)) return t('fact.records', { n: value.length })
  return String(value)
}

/** Ledger rows as typed into the grid: every cell read by its column type; the first bad cell names its row. */
export function parseLedger(
  columns: Array<{ key: string; label: string; type: FactType }>,
  rows: Array<Record<string, string>>,
): { ok: true; value: Array<Record<string, unknown>> } | { ok: false; error: string } {
  const out: Array<Record<string, unknown>> = []
  for (const [i, row] of rows.entries()) {
    if (columns.every((c) => (row[c.key] ?? '').trim() === '')) continue
    const record: Record<string, unknown> = {}
    for (const c of columns) {
      const parsed = parseFactText(c.type, row[c.key] ?? '', i18n.global.t('fact.row', { row: i + 1, label: c.label }))
      if (!parsed.ok) return parsed
      if (parsed.value !== null) record[c.key] = parsed.value
    }
    out.push(record)
  }
  return { ok: true, value: out }
}

/** A ledger's stored records back into grid cells. */
export function ledgerCells(columns: Array<{ key: string; type: FactType }>, value: unknown): Array<Record<string, string>> {
  if (!Array.isArray(value)) return []
  return value.map((r) => Object.fromEntries(columns.map((c) => [c.key, factText(c.type, (r as Record<string, unknown>)[c.key])])))
}

/** Who supplies a fact, in words (the scheme writes unit, provider:<department>, feed:<list>, survey, reviewer). */
export function supplierText(supplier: string): string {
  const t = i18n.global.t
  if (!supplier || supplier === 'unit') return t('supplier.unit')
  if (supplier.startsWith('provider:')) return t('supplier.provider', { name: supplier.slice('provider:'.length) })
  if (supplier.startsWith('feed:')) return t('supplier.feed', { name: supplier.slice('feed:'.length) })
  if (supplier.startsWith('system:')) return t('supplier.system')
  if (supplier === 'survey') return t('supplier.survey')
  if (supplier === 'reviewer') return t('supplier.reviewer')
  return supplier
}

/**
 * Whether a role may enter a fact in the unit's form, as the server decides: system facts (counted from the
 * report log) are nobody's; a liaison answers only the unit's own facts, the office any other.
 */
export function mayEnter(supplier: string, role: string | undefined): boolean {
  if (supplier.startsWith('system:')) return false
  return role !== 'liaison' || !supplier || supplier === 'unit'
}
