import type { Column } from '@/views/units/columns'

/** The audit log's columns; labels are i18n keys. The object's id, hash and raw snapshots are in the row's technical details. */
export const auditColumns: Column[] = [
  { prop: 'sequence', label: 'audit.sequence', width: 70 },
  { prop: 'atText', label: 'audit.at', width: 170 },
  { prop: 'actorName', label: 'audit.actor', width: 150 },
  { prop: 'actionName', label: 'audit.action', width: 110 },
  { prop: 'entityName', label: 'audit.entityType', width: 100 },
  { prop: 'changes', label: 'audit.changes', minWidth: 260 },
]
