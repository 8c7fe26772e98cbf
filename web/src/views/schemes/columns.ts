import type { Column } from '@/views/units/columns'

/** The scheme list's columns; labels are i18n keys. */
export const schemeColumns: Column[] = [
  { prop: 'title', label: 'scheme.title', minWidth: 220 },
  { prop: 'issuer', label: 'scheme.issuer', minWidth: 200 },
  { prop: 'document', label: 'scheme.document', width: 180 },
  { prop: 'date', label: 'scheme.date', width: 110 },
  { prop: 'total', label: 'scheme.total', width: 70 },
  { prop: 'itemCount', label: 'scheme.items', width: 80 },
]

/** The scheme tree's columns, in the seed table's order. */
export const itemColumns: Column[] = [
  { prop: 'max', label: 'scheme.max', width: 70 },
  { prop: 'method', label: 'scheme.method', width: 140 },
  { prop: 'source', label: 'scheme.source', width: 120 },
  { prop: 'materials', label: 'scheme.materials', minWidth: 160 },
  { prop: 'rule', label: 'scheme.rule', minWidth: 260 },
]

/** The check report's columns; a finding's rule code is a technical detail, in the row's expansion. */
export const lintColumns: Column[] = [
  { prop: 'severity', label: 'scheme.severity', width: 90 },
  { prop: 'nodePath', label: 'scheme.position', minWidth: 180 },
  { prop: 'message', label: 'scheme.message', minWidth: 300 },
]
