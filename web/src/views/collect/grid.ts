// The provider grid's cell logic: a cell is edited as text and sent as the facts-file JSON value of its fact type.

export type FactType = 'Bool' | 'Count' | 'Number' | 'Percent' | 'Date' | 'Text' | 'Ledger' | 'Judgement'

export type CellValue = null | boolean | number | string | object

/** The value shown in the cell's input; ledgers and judgements keep their JSON, as the XLSX export does. */
export function cellText(type: FactType, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (type === 'Bool') return value === true ? '是' : value === false ? '否' : JSON.stringify(value)
  if ((type === 'Date' || type === 'Text') && typeof value === 'string') return value
  if ((type === 'Count' || type === 'Number' || type === 'Percent') && typeof value === 'number') return String(value)
  return JSON.stringify(value)
}

export type Parsed = { ok: true; value: CellValue } | { ok: false; reason: string }

const numberPattern = /^-?\d+(\.\d+)?$/

/**
 * The JSON value of a cell's text, or why it cannot be read; an empty cell clears the value.
 * Numbers are checked as decimal text and sent as JSON numbers; the server reads them as decimal.
 */
export function parseCell(type: FactType, text: string): Parsed {
  const s = text.trim()
  if (s === '') return { ok: true, value: null }
  switch (type) {
    case 'Bool':
      if (s === '是') return { ok: true, value: true }
      if (s === '否') return { ok: true, value: false }
      return { ok: false, reason: `「${s}」不是“是”或“否”。` }
    case 'Count':
    case 'Number':
    case 'Percent':
      return numberPattern.test(s) ? { ok: true, value: Number(s) } : { ok: false, reason: `「${s}」不是数值。` }
    case 'Date':
    case 'Text':
      return { ok: true, value: s }
    default:
      try {
        return { ok: true, value: JSON.parse(s) as CellValue }
      } catch {
        return { ok: false, reason: '台账或评分单元格应为导出时的 JSON 内容。' }
      }
  }
}

export const cellKey = (unitId: number | string, factKey: string) => `${unitId}|${factKey}`
