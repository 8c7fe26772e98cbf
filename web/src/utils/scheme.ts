import type { CategoryView, ItemView, SchemeView } from '@/api/types'
import { i18n } from '@/i18n'

/** One row of the scheme tree table: a category or an item, in the seed's order. */
export interface SchemeRow {
  key: string
  no: string
  title: string
  max: number
  kind: 'category' | 'item'
  method: string
  source: string
  materials: string
  rule: string
  /** Who the item applies to, in words (its classes, a responsibility list's named units); blank when every unit, and for a category. */
  appliesTo: string
  /** How the platform scores it, part by part, in words; for a category, its caps. */
  parts: string[]
  isBonus: boolean
  children?: SchemeRow[]
}

const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v))

/** The rule in the Chinese the API gives: the seed's scoring sentence, else the rule parts' labels. */
export function ruleText(item: ItemView): string {
  if (item.wording.scoring) return item.wording.scoring
  return item.rule.map((p) => p.label).filter((l): l is string => !!l).join(i18n.global.t('sep.list'))
}

function itemRow(item: ItemView): SchemeRow {
  return {
    key: `i:${item.id}`,
    no: item.no ?? '',
    title: item.title,
    max: num(item.max),
    kind: 'item',
    method: item.method ?? '',
    source: item.source ?? '',
    materials: item.evidence.map((e) => e.label).join(i18n.global.t('sep.names')) || (item.wording.materials ?? ''),
    rule: ruleText(item),
    appliesTo: item.classes.length === 0 && item.units.length === 0 ? '' : item.appliesTo,
    parts: item.rule.map((p) => p.text),
    isBonus: item.isBonus,
  }
}

function categoryRow(category: CategoryView): SchemeRow {
  // Sub-categories come first in the API's view as in the seed; items of the category follow.
  const children = [...category.categories.map(categoryRow), ...category.items.map(itemRow)]
  return {
    key: `c:${category.id}`,
    // Some seeds number categories only by their id (A, B, …).
    no: category.no ?? category.id,
    title: category.title,
    max: num(category.max),
    kind: 'category',
    method: '',
    source: '',
    materials: '',
    rule: category.note ?? '',
    appliesTo: '',
    parts: category.caps,
    isBonus: false,
    children,
  }
}

export function schemeRows(scheme: SchemeView): SchemeRow[] {
  return scheme.categories.map(categoryRow)
}

/** The top-level categories' maxima, for the chart beside the tree. */
export function categoryMaxima(scheme: SchemeView): Array<{ name: string; max: number }> {
  return scheme.categories.map((c) => ({ name: c.no ? `${c.no} ${c.title}` : c.title, max: num(c.max) }))
}

/** Counts every item under the rows, however deep. */
export function countItems(rows: readonly SchemeRow[]): number {
  return rows.reduce((n, r) => n + (r.kind === 'item' ? 1 : 0) + countItems(r.children ?? []), 0)
}
