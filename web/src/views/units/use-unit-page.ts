import { computed, reactive, ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { download, http, ok, workbookBody } from '@/api/client'
import type { UnitLevel, UnitResponse } from '@/api/types'
import { ApiError } from '@/api/errors'
import { buildTree, matches, subtreeIds, type TreeNode } from '@/utils/tree'
import { useListPage } from '@/composables/useListPage'

export type UnitDialogMode = 'create' | 'edit' | 'move'

export interface UnitForm {
  id: number | string | null
  parentId: number | string | null
  name: string
  code: string
  level: UnitLevel | ''
  class: string
}

export interface UnitRow extends UnitResponse {
  parentName: string
}

const emptyForm = (): UnitForm => ({ id: null, parentId: null, name: '', code: '', level: '', class: '' })

export function useUnitPage() {
  const { t } = useI18n()
  const selectedId = ref<number | string | null>(null)
  const list = useListPage({
    query: { keyword: '', level: '' as UnitLevel | '', includeInactive: false },
    fetch: (query) => ok(http.GET('/api/units', { params: { query: { includeInactive: query.includeInactive } } })),
    /** The table lists the selected tree node's subtree (all units when none is selected), filtered by the search form. */
    filter: (units, query): UnitRow[] => {
      const within = selectedId.value === null ? null : subtreeIds(units, selectedId.value)
      return units
        .filter((u) => !within || within.has(String(u.id)))
        .filter((u) => matches(u, query.keyword, ['name', 'code', 'class']))
        .filter((u) => !query.level || u.level === query.level)
        .map((u) => ({ ...u, parentName: u.parentId === null ? '' : (byId.value.get(String(u.parentId))?.name ?? '') }))
    },
  })
  const { loading, query, page, filtered, rows, total, load } = list
  const units = list.items

  const dialog = reactive({ open: false, mode: 'create' as UnitDialogMode, busy: false, errors: {} as Record<string, string>, error: '' })
  const form = reactive<UnitForm>(emptyForm())

  const tree = computed(() => buildTree(units.value))
  const byId = computed(() => new Map(units.value.map((u) => [String(u.id), u])))
  const moveDisabled = computed(() => (form.id === null ? new Set<string>() : subtreeIds(units.value, form.id)))

  /** Whether inactive units are listed is the server's filter, so a search loads again. */
  function search() {
    list.search()
    return load()
  }

  function reset() {
    list.reset()
    selectedId.value = null
    return load()
  }

  function selectNode(node: TreeNode<UnitResponse> | null) {
    selectedId.value = node ? node.item.id : null
    page.current = 1
  }

  function openDialog(mode: UnitDialogMode, row?: UnitResponse) {
    Object.assign(form, emptyForm())
    if (row) Object.assign(form, { id: row.id, parentId: row.parentId, name: row.name, code: row.code ?? '', level: row.level, class: row.class ?? '' })
    else form.parentId = selectedId.value ?? units.value[0]?.id ?? null
    dialog.mode = mode
    dialog.errors = {}
    dialog.error = ''
    dialog.open = true
  }

  async function submit() {
    dialog.busy = true
    dialog.errors = {}
    dialog.error = ''
    try {
      const blank = (s: string) => (s.trim() === '' ? null : s.trim())
      if (dialog.mode === 'create')
        await http.POST('/api/units', { body: { parentId: form.parentId, name: form.name, code: blank(form.code), level: form.level || null, class: blank(form.class) } })
      else if (dialog.mode === 'edit')
        await http.PUT('/api/units/{id}', { params: { path: { id: Number(form.id) } }, body: { name: form.name, code: blank(form.code), class: blank(form.class) } })
      else await http.POST('/api/units/{id}/move', { params: { path: { id: Number(form.id) } }, body: { parentId: form.parentId } })
      dialog.open = false
      ElMessage.success(dialog.mode === 'move' ? t('unit.moved') : t('common.saved'))
      await load()
    } catch (e) {
      // Field errors go beside their fields; anything else (a broken tree rule, a conflict) above the form.
      if (e instanceof ApiError) {
        dialog.errors = e.fieldErrors
        if (Object.keys(dialog.errors).length === 0) dialog.error = e.message
      } else dialog.error = String(e)
    } finally {
      dialog.busy = false
    }
  }

  async function toggleActive(row: UnitResponse) {
    try {
      if (row.isActive) {
        await ElMessageBox.confirm(t('unit.deactivateConfirm', { name: row.name }), t('common.confirmTitle'), { type: 'warning' })
        await http.POST('/api/units/{id}/deactivate', { params: { path: { id: Number(row.id) } } })
      } else await http.POST('/api/units/{id}/activate', { params: { path: { id: Number(row.id) } } })
      ElMessage.success(t('common.saved'))
      await load()
    } catch (e) {
      if (e instanceof Error) ElMessage.error(e.message)
    }
  }

  async function exportXlsx() {
    try {
      await download(http.GET('/api/units/export', { parseAs: 'blob' }), 'units.xlsx')
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }

  async function importXlsx(file: File) {
    try {
      const result = await ok(http.POST('/api/units/import', workbookBody(file)))
      ElMessage.success(t('common.imported', { created: result.created, updated: result.updated }))
      await load()
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
    return false
  }

  return {
    units, loading, query, page, tree, filtered, rows, total, selectedId, dialog, form, moveDisabled,
    load, search, reset, selectNode, openDialog, submit, toggleActive, exportXlsx, importXlsx,
  }
}
