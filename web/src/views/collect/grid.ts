// The provider grid's cell logic: a cell is edited as text and sent as the facts-file JSON value of its fact
// type. Scalar cells read by the same rules as the unit's form (parseFactText: full-width digits, 是/否, dates);
// ledgers and judgements keep the JSON the XLSX export writes. A cell's reason names what was typed, since the
// column says the fact; a problem listed above the table names the unit and the field as well, as the server does.
import { i18n } from '@/i18n'
import { factText, halfWidth, isDecimalText, parseFactText, type FactType, type FactValue } from '@/utils/facts'

export type { FactType }

export type CellParsed = { ok: true; value: FactValue } | { ok: false; reason: string }

const structured = (type: FactType) => type === 'Ledger' || type === 'Judgement'
const numeric = (type: FactType) => type === 'Count' || type === 'Number' || type === 'Percent'

/** What a cell of this type takes: the input's placeholder and the tail of a refusal. */
export const expected = (type: FactType) => i18n.global.t(`collect.expected.${type}`)

/** The value shown in the cell's input; ledgers and judgements keep their JSON, as the XLSX export does. */
export function cellText(type: FactType, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (structured(type) || typeof value === 'object') return JSON.stringify(value)
  return factText(type, value)
}

/** The JSON value of a cell's text, or why it cannot be read; an empty cell clears the value. */
export function parseCell(type: FactType, text: string): CellParsed {
  const t = i18n.global.t
  const s = text.trim()
  if (s === '') return { ok: true, value: null }
  if (structured(type)) {
    try {
      return { ok: true, value: JSON.parse(s) as FactValue }
    } catch {
      return { ok: false, reason: t('collect.cellErrors.json') }
    }
  }
  const shown = halfWidth(s).trim()
  if (numeric(type) && !isDecimalText(s)) return { ok: false, reason: t('collect.cellErrors.notNumber', { text: shown, expected: expected(type) }) }
  const parsed = parseFactText(type, s)
  if (parsed.ok) return parsed
  const reason = {
    Bool: 'collect.cellErrors.bool', Count: 'collect.cellErrors.count', Percent: 'collect.cellErrors.range', Date: 'collect.cellErrors.date',
  }[type as string]
  return { ok: false, reason: reason ? t(reason, { text: shown, expected: expected(type) }) : parsed.error }
}

export const cellKey = (unitId: number | string, factKey: string) => `${unitId}|${factKey}`

/** A cell as the page holds it: its unit and column by name, and the text in its input. */
export type GridCell = { unitId: number | string; unitName: string; factKey: string; label: string; type: FactType; text: string }

/** A cell that cannot be sent or was not saved: its key, the reason beside it and the sentence naming unit and field. */
export type CellProblem = { key: string; reason: string; message: string }

/** The sentence a problem shows above the table: the unit and the field by name, then the reason (as the server writes it). */
export const cellMessage = (unitName: string, label: string, reason: string) =>
  i18n.global.t('collect.cellMessage', { unit: unitName, label, reason })

/** Reads every changed cell before anything is sent: the values to send, and each cell refused with its reason. */
export function checkCells(cells: GridCell[]): { values: Array<{ unitId: number; factKey: string; value: FactValue }>; problems: CellProblem[] } {
  const values: Array<{ unitId: number; factKey: string; value: FactValue }> = []
  const problems: CellProblem[] = []
  for (const c of cells) {
    const parsed = parseCell(c.type, c.text)
    if (parsed.ok) values.push({ unitId: Number(c.unitId), factKey: c.factKey, value: parsed.value })
    else problems.push({ key: cellKey(c.unitId, c.factKey), reason: parsed.reason, message: cellMessage(c.unitName, c.label, parsed.reason) })
  }
  return { values, problems }
}

/** The applicable cells with no saved answer: a grid is submitted only when every one has a value (0 and a no are answers). */
export function missingCells(cells: GridCell[]): CellProblem[] {
  const reason = i18n.global.t('collect.cellErrors.required')
  return cells.filter((c) => c.text.trim() === '').map((c) => ({ key: cellKey(c.unitId, c.factKey), reason, message: cellMessage(c.unitName, c.label, reason) }))
}
