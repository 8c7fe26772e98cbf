/** One field of an audited entity that an event changed. */
export interface FieldChange {
  field: string
  before: string
  after: string
}

// Bookkeeping columns that every snapshot carries and nobody reads in the log.
const hidden = new Set(['Id', 'TenantId', 'CreatedAt', 'UpdatedAt', 'PasswordHash', 'SecurityStamp', 'TokenHash'])

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {}
  try {
    const value: unknown = JSON.parse(json)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

const show = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))

/**
 * The fields an event changed, from its before/after snapshots: for a creation the fields it was
 * given, for a deletion the fields it had, for an update only those whose value differs.
 */
export function changedFields(before: string | null, after: string | null): FieldChange[] {
  const b = parse(before)
  const a = parse(after)
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !hidden.has(k))
  return keys
    .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }))
    .filter((c) => c.before !== c.after)
}

/** "unit.created" → ["unit", "created"], so each half can be named in the reader's language. */
export function splitAction(action: string): { entity: string; verb: string } {
  const dot = action.lastIndexOf('.')
  return dot < 0 ? { entity: action, verb: '' } : { entity: action.slice(0, dot), verb: action.slice(dot + 1) }
}
