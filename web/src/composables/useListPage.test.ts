import { describe, expect, it } from 'vitest'
import { useListPage, useServerListPage } from './useListPage'

const numbers = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, even: (i + 1) % 2 === 0 }))

describe('useListPage', () => {
  it('load_ThenPageTwo_ShowsTheSecondPageOfTheFilteredRows', async () => {
    const list = useListPage({
      query: { evenOnly: false },
      fetch: async () => numbers,
      filter: (items, query) => items.filter((n) => !query.evenOnly || n.even),
    })
    await list.load()
    expect(list.total.value).toBe(25)
    list.page.current = 3
    expect(list.rows.value.map((n) => n.id)).toEqual([21, 22, 23, 24, 25])

    list.query.evenOnly = true
    list.search()
    expect(list.page.current).toBe(1)
    expect(list.total.value).toBe(12)
    expect(list.rows.value.map((n) => n.id)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20])
  })

  it('reset_AfterASearch_RestoresTheEmptyFormAndTheFirstPage', async () => {
    const list = useListPage({ query: { keyword: '' }, size: 20, fetch: async () => numbers, filter: (items, q) => items.filter((n) => String(n.id).includes(q.keyword)) })
    await list.load()
    list.query.keyword = '2'
    list.page.current = 2
    list.reset()
    expect(list.query.keyword).toBe('')
    expect(list.page.current).toBe(1)
    expect(list.rows.value).toHaveLength(20)
  })
})

describe('useServerListPage', () => {
  it('search_AsksTheServerForTheFirstPageWithTheQuery', async () => {
    const asked: Array<[string, number, number]> = []
    const list = useServerListPage({
      query: { entity: '' },
      fetch: async (query, skip, take) => {
        asked.push([query.entity, skip, take])
        return { total: '41', items: numbers.slice(skip, skip + take) }
      },
    })
    list.page.current = 2
    await list.load()
    expect(list.rows.value.map((n) => n.id)).toEqual([21, 22, 23, 24, 25])
    list.query.entity = 'Unit'
    await list.search()
    expect(asked).toEqual([['', 20, 20], ['Unit', 0, 20]])
    expect(list.total.value).toBe(41)
  })
})
