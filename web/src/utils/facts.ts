// Fact values in the facts-file JSON form the server reads (docs/scheme-format.md): bool true/false, count a
// whole number ≥ 0, number a decimal, percent 0–100, date yyyy-MM-dd, text, ledger a list of records,
// judgement {points, reason}. Numbers travel as JSON numbers written from the typed text, never through
// arithmetic, so 0.1 stays 0.1.

import type { FactValues } from '@/api/types'

export type FactType = 'Bool' | 'Count' | 'Number' | 'Percent' | 'Date' | 'Text' | 'Ledger' | 'Judgement'

export type FactValue = boolean | number | string | Record<string, unknown> | Array<Record<string, unknown>> | null

/** Parsed values as a request body carries them (see FactValues for why the cast). */
export function factValues(facts: Record<string, FactValue>): FactValues {
  return facts as FactValues
}

export type Parsed = { ok: true; value: FactValue } | { ok: false; error: string }

const decimal = /^[+-]?\d+(\.\d+)?$/

/**
 * Reads what a user typed into a fact's input. Empty text clears the fact (null). Errors are the Chinese
 * sentence to show beside the field, naming the label.
 */
export function parseFactText(type: FactType, text: string, label = '该项'): Parsed {
  const s = text.trim().replace(/，/g, ',')
  if (s === '') return { ok: true, value: null }
  switch (type) {
    case 'Bool':
      if (['是', 'true', '1', '有', 'yes', 'y'].includes(s.toLowerCase())) return { ok: true, value: true }
      if (['否', 'false', '0', '无', 'no', 'n'].includes(s.toLowerCase())) return { ok: true, value: false }
      return { ok: false, error: `「${label}」请填写“是”或“否”。` }
    case 'Count':
      if (!/^\d+$/.test(s)) return { ok: false, error: `「${label}」应为不小于 0 的整数。` }
      return { ok: true, value: Number(s) }
    case 'Number':
      if (!decimal.test(s)) return { ok: false, error: `「${label}」应为数字。` }
      return { ok: true, value: Number(s) }
    case 'Percent': {
      const p = s.endsWith('%') ? s.slice(0, -1).trim() : s
      if (!decimal.test(p) || Number(p) < 0 || Number(p) > 100) return { ok: false, error: `「${label}」应为 0 到 100 之间的百分数。` }
      return { ok: true, value: Number(p) }
    }
    case 'Date': {
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s)
      if (!m) return { ok: false, error: `「${label}」应为日期，如 2023-01-15。` }
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
      const date = new Date(Date.UTC(y, mo - 1, d))
      if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
        return { ok: false, error: `「${label}」不是有效日期。` }
      return { ok: true, value: `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` }
    }
    case 'Text':
      return { ok: true, value: text.trim() }
    default:
      return { ok: false, error: `「${label}」不能以文字填写。` }
  }
}

/** A stored value as the text its input shows (the inverse of parseFactText for the scalar types). */
export function factText(type: FactType, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (type === 'Bool') return value === true ? '是' : value === false ? '否' : String(value)
  if (type === 'Judgement' && typeof value === 'object') {
    const j = value as { points?: unknown; reason?: unknown }
    return `${String(j.points ?? '')} 分：${String(j.reason ?? '')}`
  }
  if (type === 'Ledger' && Array.isArray(value)) return `${value.length} 条记录`
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
      const parsed = parseFactText(c.type, row[c.key] ?? '', `第 ${i + 1} 行 ${c.label}`)
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

/** Who supplies a fact, in words (the scheme writes unit, provider:部门, feed:名单, survey, reviewer). */
export function supplierText(supplier: string): string {
  if (!supplier || supplier === 'unit') return '本单位填报'
  if (supplier.startsWith('provider:')) return `由${supplier.slice('provider:'.length)}提供`
  if (supplier.startsWith('feed:')) return `来自${supplier.slice('feed:'.length)}`
  if (supplier.startsWith('system:')) return '系统按报送记录统计'
  if (supplier === 'survey') return '问卷测评结果'
  if (supplier === 'reviewer') return '评审员认定'
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
