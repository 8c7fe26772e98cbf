import { http, ok } from '@/api/client'
import type { UnitClassCount, UnitHit, UnitNode } from '@/api/types'

type Id = number | string

/** One unit as the pickers' trees hold it: what the tree shows, and whether it may be chosen or opened. */
export type UnitOption = {
  value: Id
  label: string
  leaf: boolean
  disabled: boolean
  unit: UnitNode | UnitHit
}

/** What a lazily loaded tree hands its load function: the node being opened (level 0 is the invisible root). */
export type LoadingNode = { level: number; data: unknown }

const blocked = (disabledIds: ReadonlySet<string> | undefined, ids: Id[]) => ids.some((id) => disabledIds?.has(String(id)) ?? false)

/**
 * A node of the lazily loaded tree. A unit below a disabled one is disabled too (a unit may not move under its own subtree),
 * which the tree knows from the parent it is loaded under.
 */
export function nodeOption(unit: UnitNode, disabledIds?: ReadonlySet<string>, parentDisabled = false): UnitOption {
  return { value: unit.id, label: unit.name, leaf: !unit.hasChildren, disabled: parentDisabled || blocked(disabledIds, [unit.id]), unit }
}

/** A search hit: its path names it (city / county / town), so that two towns of one name are told apart; it is chosen, not opened. */
export function hitOption(hit: UnitHit, separator: string, disabledIds?: ReadonlySet<string>): UnitOption {
  return { value: hit.id, label: hit.pathNames.join(separator), leaf: true, disabled: blocked(disabledIds, [hit.id, ...hit.ancestorIds]), unit: hit }
}

/** The ids to open at once: the tops of the scope, and, when asked for a second level, those of their children that have any. */
export function autoExpand(options: readonly UnitOption[], max = 20): Id[] {
  return options.filter((o) => !o.leaf).slice(0, max).map((o) => o.value)
}

/** The page size of a unit's children; the server answers at most 1,000 a page. */
const pageSize = 1000

/** The server's side of the pickers: the scope's tops, a unit's children page by page, and the search box. */
export const unitSource = {
  roots: (includeInactive = false) => ok(http.GET('/api/units/roots', { params: { query: { includeInactive } } })),
  async children(id: Id, includeInactive = false): Promise<UnitNode[]> {
    const all: UnitNode[] = []
    for (;;) {
      const afterId = all.length === 0 ? undefined : Number(all[all.length - 1].id)
      const page = await ok(http.GET('/api/units/{id}/children', { params: { path: { id: Number(id) }, query: { afterId, limit: pageSize, includeInactive } } }))
      all.push(...page)
      if (page.length < pageSize) return all
    }
  },
  search: (q: string, limit = 20, includeInactive = false) =>
    ok(http.GET('/api/units/search', { params: { query: { q, limit, includeInactive } } })),
  get: (id: Id) => ok(http.GET('/api/units/{id}', { params: { path: { id: Number(id) } } })),
  classes: (id: Id) => ok(http.GET('/api/units/{id}/classes', { params: { path: { id: Number(id) } } })),
}

/** How many units "every unit of these classes under that unit" takes, and their classes; no class chosen takes every class. */
export function subtreeChoice(counts: readonly UnitClassCount[], unitClasses: readonly string[]): { count: number; classes: string[] } {
  const taken = counts.filter((c) => unitClasses.length === 0 || unitClasses.includes(c.class))
  return { count: taken.reduce((sum, c) => sum + Number(c.count), 0), classes: taken.map((c) => c.class) }
}
