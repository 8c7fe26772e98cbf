import { describe, expect, it } from 'vitest'
import type { UnitHit, UnitNode } from '@/api/types'
import { autoExpand, hitOption, nodeOption, subtreeChoice, unitSource } from './unit-picker'

const node = (id: number, name: string, hasChildren: boolean): UnitNode => ({
  id, parentId: null, name, code: null, level: 'Town', levelName: '乡镇/街道', class: '乡镇', isActive: true, hasChildren,
})
const hit = (id: number, pathNames: string[], ancestorIds: number[]): UnitHit => ({
  id, parentId: ancestorIds.at(-1) ?? null, name: pathNames.at(-1)!, code: null, level: 'Town', levelName: '乡镇/街道', class: '乡镇',
  isActive: true, pathNames, ancestorIds,
})

describe('nodeOption', () => {
  it('opens a unit with children and leaves one without as a leaf', () => {
    expect(nodeOption(node(1, '青石县', true))).toMatchObject({ value: 1, label: '青石县', leaf: false, disabled: false })
    expect(nodeOption(node(2, '石门镇', false)).leaf).toBe(true)
  })
  it('disables the unit being moved and every unit loaded under it', () => {
    const moving = new Set(['1'])
    expect(nodeOption(node(1, '青石县', true), moving).disabled).toBe(true)
    expect(nodeOption(node(5, '石门镇', false), moving, true).disabled).toBe(true)
    expect(nodeOption(node(6, '河口镇', false), moving, false).disabled).toBe(false)
  })
})

describe('hitOption', () => {
  it('names a hit by its path, so two towns of one name are told apart', () => {
    const first = hitOption(hit(10, ['嘉县', '青石县', '新民镇'], [1, 2]), ' / ')
    const second = hitOption(hit(11, ['嘉县', '白河县', '新民镇'], [1, 3]), ' / ')
    expect([first.label, second.label]).toEqual(['嘉县 / 青石县 / 新民镇', '嘉县 / 白河县 / 新民镇'])
    expect(first.leaf).toBe(true)
  })
  it('disables a hit inside the subtree that may not be chosen', () => {
    expect(hitOption(hit(10, ['青石县', '新民镇'], [2]), ' / ', new Set(['2'])).disabled).toBe(true)
    expect(hitOption(hit(11, ['白河县', '新民镇'], [3]), ' / ', new Set(['2'])).disabled).toBe(false)
  })
})

describe('autoExpand', () => {
  it('opens only the units that have children, at most the limit', () => {
    const options = [nodeOption(node(1, '青石县', true)), nodeOption(node(2, '发改局', false)), nodeOption(node(3, '白河县', true))]
    expect(autoExpand(options)).toEqual([1, 3])
    expect(autoExpand(options, 1)).toEqual([1])
  })
})

describe('subtreeChoice', () => {
  const counts = [{ class: '乡镇', count: 12 }, { class: '街道', count: 3 }, { class: '县直单位', count: 30 }]
  it('takes every class of the subtree when none is chosen', () => {
    expect(subtreeChoice(counts, [])).toEqual({ count: 45, classes: ['乡镇', '街道', '县直单位'] })
  })
  it('takes only the chosen classes', () => {
    expect(subtreeChoice(counts, ['乡镇', '街道'])).toEqual({ count: 15, classes: ['乡镇', '街道'] })
  })
})

describe('unitSource.children', () => {
  it('asks page after page from the last id seen until a page comes back short', async () => {
    const asked: string[] = []
    const page = (from: number, size: number) => Array.from({ length: size }, (_, i) => node(from + i, `村${from + i}`, false))
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input instanceof Request ? input.url : input), 'http://localhost')
      asked.push(url.pathname + url.search)
      const after = Number(url.searchParams.get('afterId') ?? 0)
      return new Response(JSON.stringify(after === 0 ? page(1, 1000) : page(1001, 5)), { status: 200, headers: { 'Content-Type': 'application/json' } })
    }) as typeof fetch

    const children = await unitSource.children(7)

    expect(children).toHaveLength(1005)
    expect(asked).toEqual([
      '/api/units/7/children?limit=1000&includeInactive=false',
      '/api/units/7/children?afterId=1000&limit=1000&includeInactive=false',
    ])
  })
})
