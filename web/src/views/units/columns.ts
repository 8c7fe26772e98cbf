/** The unit table's columns; labels are i18n keys, every cell is rendered as text. */
export interface Column {
  prop: string
  label: string
  width?: number
  minWidth?: number
}

export const unitColumns: Column[] = [
  // Sized so the whole row fits beside the tree at 1366×768 without scrolling sideways.
  { prop: 'name', label: 'unit.name', minWidth: 170 },
  { prop: 'code', label: 'unit.code', width: 120 },
  { prop: 'levelName', label: 'unit.level', width: 90 },
  { prop: 'class', label: 'unit.class', width: 90 },
  { prop: 'parentName', label: 'unit.parent', minWidth: 110 },
]
