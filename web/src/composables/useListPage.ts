// A list page's state: the search form's query, one page of the rows, loading, and the handlers every list
// page has (load, search, reset). Lists the API returns whole are filtered and paged here; a list the server
// pages (the audit log) is asked for one page at a time.
import { computed, reactive, ref, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { pageOf } from '@/utils/tree'

interface Common<Q extends object> {
  /** The search form's fields with their empty values; reset returns to these. */
  query: Q
  size?: number
}

/** A list the API returns whole: filtered by the search form and paged on the client. */
export function useListPage<T, R = T, Q extends object = Record<string, never>>(
  options: Common<Q> & { fetch: (query: Q) => Promise<T[]>; filter?: (items: T[], query: Q) => R[] },
) {
  const initial = { ...options.query }
  const query = reactive({ ...options.query }) as Q
  const page = reactive({ current: 1, size: options.size ?? 10 })
  const items = ref([]) as Ref<T[]>
  const loading = ref(false)
  const filtered = computed<R[]>(() => (options.filter ? options.filter(items.value, query) : (items.value as unknown as R[])))
  const rows = computed(() => pageOf(filtered.value, page.current, page.size))
  const total = computed(() => filtered.value.length)

  async function load() {
    loading.value = true
    try {
      items.value = await options.fetch(query)
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      loading.value = false
    }
  }

  /** The filter is on the client: a search only goes back to the first page. */
  function search() {
    page.current = 1
  }

  function reset() {
    Object.assign(query, initial)
    page.current = 1
  }

  return { items, loading, query, page, filtered, rows, total, load, search, reset }
}

/** A list the server pages: each page, search or size change asks for one page. */
export function useServerListPage<T, Q extends object>(
  options: Common<Q> & { fetch: (query: Q, skip: number, take: number) => Promise<{ total: number | string; items: T[] }> },
) {
  const initial = { ...options.query }
  const query = reactive({ ...options.query }) as Q
  const page = reactive({ current: 1, size: options.size ?? 20 })
  const rows = ref([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      const result = await options.fetch(query, (page.current - 1) * page.size, page.size)
      rows.value = result.items
      total.value = Number(result.total)
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      loading.value = false
    }
  }

  function search() {
    page.current = 1
    return load()
  }

  function reset() {
    Object.assign(query, initial)
    return search()
  }

  return { loading, query, page, rows, total, load, search, reset }
}
