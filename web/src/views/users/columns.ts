import type { Column } from '@/views/units/columns'

/** The user table's columns; labels are i18n keys, every cell is rendered as text. */
export const userColumns: Column[] = [
  { prop: 'userName', label: 'user.userName', width: 140 },
  { prop: 'displayName', label: 'user.displayName', width: 120 },
  { prop: 'roleName', label: 'user.role', width: 130 },
  { prop: 'unitName', label: 'user.unit', minWidth: 160 },
  { prop: 'scopeName', label: 'user.scope', width: 130 },
]
