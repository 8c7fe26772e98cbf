/** A flat list with parent ids, as the API returns units, turned into the tree the pages show. */
export interface TreeNode<T> {
  item: T
  children: TreeNode<T>[]
}

export interface Flat {
  id: number | string
  parentId: number | string | null
}

/**
 * Builds the forest; an item whose parent is outside the caller's scope becomes a root, so a
 * liaison sees its own unit at the top. Order within a level follows the input order.
 */
export function buildTree<T extends Flat>(items: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>()
  for (const item of items) nodes.set(String(item.id), { item, children: [] })
  const roots: TreeNode<T>[] = []
  for (const item of items) {
    const node = nodes.get(String(item.id))!
    const parent = item.parentId === null ? undefined : nodes.get(String(item.parentId))
    if (parent && parent !== node) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

/** The ids of a node and everything under it: a unit cannot move below itself. */
export function subtreeIds<T extends Flat>(items: readonly T[], rootId: number | string): Set<string> {
  const byParent = new Map<string, T[]>()
  for (const item of items) {
    const key = String(item.parentId)
    byParent.set(key, [...(byParent.get(key) ?? []), item])
  }
  const out = new Set<string>([String(rootId)])
  const stack = [String(rootId)]
  while (stack.length > 0) {
    const id = stack.pop()!
    for (const child of byParent.get(id) ?? []) {
      const key = String(child.id)
      if (!out.has(key)) {
        out.add(key)
        stack.push(key)
      }
    }
  }
  return out
}

/** The path of names from a root down to the item, for breadcrumbs and the parent-unit column. */
export function pathOf<T extends Flat & { name: string }>(items: readonly T[], id: number | string): string[] {
  const byId = new Map(items.map((i) => [String(i.id), i]))
  const names: string[] = []
  const seen = new Set<string>()
  let current = byId.get(String(id))
  while (current && !seen.has(String(current.id))) {
    seen.add(String(current.id))
    names.unshift(current.name)
    current = current.parentId === null ? undefined : byId.get(String(current.parentId))
  }
  return names
}

/** Rows matching a search text in any of the given fields, case-insensitive. */
export function matches<T>(row: T, text: string, fields: Array<keyof T>): boolean {
  const needle = text.trim().toLowerCase()
  if (!needle) return true
  return fields.some((f) => String(row[f] ?? '').toLowerCase().includes(needle))
}

/** One page of rows. */
export function pageOf<T>(rows: readonly T[], page: number, size: number): T[] {
  const start = Math.max(0, (page - 1) * size)
  return rows.slice(start, start + size)
}
