import type auditZh from '@/locales/audit.zh-CN'

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


/** The audit log's words in one language (web/src/locales/audit.*.ts). */
export type AuditWords = typeof auditZh

/** One changed field as the office reads it: its label and its values in words. */
export interface ChangeLine {
  label: string
  before: string
  after: string
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))

const pad = (n: number) => String(n).padStart(2, '0')

/** An instant as 'yyyy-MM-dd HH:mm:ss' in Asia/Shanghai (UTC+8, no daylight saving), whatever the browser's zone. */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const d = new Date(t + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

// Keys, hashes, versions and stored JSON: true to the record, meaningless on screen. They stay in the technical details.
const technical = new Set([
  'Id', 'TenantId', 'CreatedAt', 'UpdatedAt', 'UnitId', 'ParentId', 'ScopeUnitId', 'CampaignId', 'SubmissionId', 'SchemeVersionId',
  'SpotCheckId', 'ProviderUnitId', 'BaselineCampaignId', 'UserId', 'ReviewerId', 'FiledBy', 'DecidedBy', 'CreatedBy', 'EnteredBy',
  'UploadedBy', 'RecordedBy', 'OpenedBy', 'CompletedBy', 'AcceptedBy', 'SubmittedBy', 'ExceptionGrantedBy', 'PublicationRequestedBy',
  'PublicationApprovedBy', 'BaselineConfirmedBy', 'Yaml', 'Sha256', 'ScanSha256', 'ScanContentType', 'ContentType', 'LedgerJson',
  'FactsJson', 'FactKey', 'SpotCheckSeed', 'SpotCheckUnitIds', 'FactsVersion', 'FactsVersionSeen', 'ItemVersion', 'Version', 'Prefix',
  'SecurityStamp', 'TokenHash', 'schemeVersionId', 'schemeSha256', 'sha256', 'publicSha256', 'version', 'tenantId', 'headHash',
  'requestedBy', 'approvedBy',
])

const seconds = new Set(['LateBySeconds', 'AppealWindowSeconds'])
const bytes = new Set(['Size', 'ScanSize'])
const isInstant = (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)
const looksLikeCode = (v: string) => /^[A-Za-z][A-Za-z0-9_-]*$/.test(v)
const isGuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)

function size(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${n} B`
}

/** A period key as the office says it (a quarter, a month, a year or a range by its dates), in the locale's words. */
export function periodWords(key: string, w: AuditWords): string {
  let m = /^(\d{4})Q([1-4])$/.exec(key)
  if (m) return fill(w.period.quarter, { year: m[1], n: w.period.quarters[Number(m[2]) - 1] })
  m = /^(\d{4})-(\d{2})$/.exec(key)
  if (m) return fill(w.period.month, { year: m[1], month: Number(m[2]) })
  m = /^(\d{4})$/.exec(key)
  if (m) return fill(w.period.year, { year: m[1] })
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(key)
  if (m) return fill(w.period.range, { from: m[1], to: m[2] })
  return key
}

/** A fact's stored value in words: yes or no, a number, a ledger's record count, a judgement with its reason. */
function factValue(json: string, w: AuditWords): string {
  let v: unknown
  try {
    v = JSON.parse(json)
  } catch {
    return json
  }
  if (typeof v === 'boolean') return w.values.any[String(v)]
  if (Array.isArray(v)) return fill(w.records, { n: v.length })
  if (v && typeof v === 'object') {
    const j = v as Record<string, unknown>
    return 'points' in j ? fill(w.judgement, { points: String(j.points), reason: String(j.reason ?? '') }) : w.seeDetail
  }
  return v === null || v === undefined ? '' : String(v)
}

/** A stored value in words: codes by their labels, instants in Beijing time, durations and sizes in units; never raw JSON. */
export function valueWords(field: string, value: unknown, w: AuditWords): string {
  if (value === null || value === undefined || value === '') return ''
  // A secret is never stored: the snapshot says only that it changed.
  if (field === 'PasswordHash') return value === '***' ? '' : w.changed
  if (typeof value === 'boolean') return w.values.any[String(value)]
  if (typeof value === 'number') {
    if (seconds.has(field)) return value > 0 && value % 86400 === 0 ? fill(w.days, { n: value / 86400 }) : fill(w.hours, { n: Math.round((value / 3600) * 10) / 10 })
    if (bytes.has(field)) return size(value)
    return String(value)
  }
  if (Array.isArray(value)) return fill(w.items, { n: value.length })
  if (typeof value === 'object') return w.seeDetail
  const text = String(value)
  if (field === 'ValueJson') return factValue(text, w)
  if (field === 'PeriodKey') return periodWords(text, w)
  if (isInstant(text)) return beijingTime(text)
  // A user's key says nothing to a reader; who it was is in the event's actor or a name field beside it.
  if (isGuid(text)) return w.seeDetail
  const coded = w.values[field]
  if (coded) return coded[text] ?? (looksLikeCode(text) ? w.seeDetail : text)
  return text
}

function parseObject(json: string | null): Record<string, unknown> {
  if (!json) return {}
  try {
    const value: unknown = JSON.parse(json)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** What an event changed, field by field in the office's words; keys, hashes and versions are left to the technical details. */
export function changeLines(before: string | null, after: string | null, w: AuditWords): ChangeLine[] {
  const b = parseObject(before)
  const a = parseObject(after)
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !technical.has(k))
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ label: w.fields[k] ?? w.otherField, before: valueWords(k, b[k], w), after: valueWords(k, a[k], w) }))
    .filter((c) => c.before !== c.after)
}

/** An action in words: a whole action by its own name, else the verb and the object; never the code. */
export function actionWords(action: string, w: AuditWords): string {
  const whole = w.actions[action]
  if (whole) return whole
  const { entity, verb } = splitAction(action)
  return fill(w.actionOf, { verb: w.verbs[verb] ?? w.otherAction, entity: w.entities[entity] ?? w.otherEntity })
}

/** An object type in words. */
export function entityWords(entityType: string, w: AuditWords): string {
  return w.entities[entityType] ?? w.otherEntity
}
