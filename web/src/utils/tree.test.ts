import { describe, expect, it } from 'vitest'
import { buildTree, matches, pageOf, pathOf, subtreeIds } from './tree'

const units = [
  { id: 1, parentId: null, name: '云川市' },
  { id: 2, parentId: 1, name: '青石县' },
  { id: 3, parentId: 2, name: '石门镇' },
  { id: 4, parentId: 1, name: '白河县' },
  { id: '5', parentId: '4', name: '河口镇' },
]

describe('buildTree', () => {
  it('nests children under parents in input order', () => {
    const roots = buildTree(units)
    expect(roots).toHaveLength(1)
    expect(roots[0].children.map((c) => c.item.name)).toEqual(['青石县', '白河县'])
    expect(roots[0].children[1].children[0].item.name).toBe('河口镇')
  })

  it('makes a unit whose parent is out of scope a root', () => {
    const roots = buildTree([units[2]])
    expect(roots.map((r) => r.item.name)).toEqual(['石门镇'])
  })
})

describe('subtreeIds', () => {
  it('holds the unit and all its descendants, not its siblings', () => {
    expect([...subtreeIds(units, 2)].sort()).toEqual(['2', '3'])
    expect(subtreeIds(units, 1).size).toBe(5)
  })
})

describe('pathOf', () => {
  it('walks up to the root', () => {
    expect(pathOf(units, 3)).toEqual(['云川市', '青石县', '石门镇'])
  })
})

describe('matches and pageOf', () => {
  it('finds text in any field, ignoring case and spaces', () => {
    expect(matches({ name: '石门镇', code: 'YC-QS-SM' }, ' qs-sm ', ['name', 'code'])).toBe(true)
    expect(matches({ name: '石门镇', code: null }, '白河', ['name', 'code'])).toBe(false)
  })

  it('cuts the requested page', () => {
    const rows = Array.from({ length: 25 }, (_, i) => i)
    expect(pageOf(rows, 3, 10)).toEqual([20, 21, 22, 23, 24])
    expect(pageOf(rows, 0, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })
})
