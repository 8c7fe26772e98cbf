/** The unit table's columns; labels are i18n keys, every cell is rendered as text. */
export interface Column {
  prop: string
  label: string
  width?: number
  minWidth?: number
}

export const unitColumns: Column[] = [
  { prop: 'name', label: 'unit.name', minWidth: 200 },
  { prop: 'code', label: 'unit.code', width: 150 },
  { prop: 'levelName', label: 'unit.level', width: 120 },
  { prop: 'class', label: 'unit.class', width: 120 },
  { prop: 'parentName', label: 'unit.parent', minWidth: 140 },
]
