import { reactive, ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { download, http, ok, workbookBody } from '@/api/client'
import type { UnitLevel, UnitResponse } from '@/api/types'
import { ApiError } from '@/api/errors'
import { useListPage } from '@/composables/useListPage'
import { unitSource } from '@/components/unit-picker'

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

/** The unit chosen in the tree: its children fill the table. */
export interface Selected { id: number | string; name: string }

const emptyForm = (): UnitForm => ({ id: null, parentId: null, name: '', code: '', level: '', class: '' })

/** The most hits the table shows for a keyword; the server finds them in the whole scope. */
export const searchLimit = 100

/**
 * The units page a piece of the tree at a time: the table lists the children of the unit chosen in the tree (the tops of the
 * scope when none is), or, with a keyword, what the server finds by name or code anywhere in the scope with each hit's place.
 */
export function useUnitPage() {
  const { t } = useI18n()
  const selected = ref<Selected | null>(null)
  const list = useListPage({
    query: { keyword: '', level: '' as UnitLevel | '', includeInactive: false },
    size: 20,
    fetch: async (query): Promise<UnitRow[]> => {
      const keyword = query.keyword.trim()
      if (keyword) {
        const hits = await unitSource.search(keyword, searchLimit, query.includeInactive)
        return hits.map((h) => ({ ...h, parentName: h.pathNames.slice(0, -1).join(t('unitPicker.pathSep')) }))
      }
      const units = selected.value === null
        ? await unitSource.roots(query.includeInactive)
        : await unitSource.children(selected.value.id, query.includeInactive)
      return units.map((u) => ({ ...u, parentName: selected.value?.name ?? '' }))
    },
    // The keyword is the server's; the level filters the rows loaded.
    filter: (units, query): UnitRow[] => units.filter((u) => !query.level || u.level === query.level),
  })
  const { loading, query, page, filtered, rows, total, load } = list
  const units = list.items

  const dialog = reactive({ open: false, mode: 'create' as UnitDialogMode, busy: false, errors: {} as Record<string, string>, error: '' })
  const form = reactive<UnitForm>(emptyForm())
  /** The form's parent, by name, for the picker while its branch is closed. */
  const parentLabel = ref<string | undefined>(undefined)
  /** A unit may not move below itself: its id disables it and, as the tree opens, everything under it. */
  const moveDisabled = ref(new Set<string>())
  /** Bumped after a change, so the tree opens again from the top with the new names. */
  const treeVersion = ref(0)

  /** Whether inactive units are listed is the server's filter, so a search loads again. */
  function search() {
    list.search()
    return load()
  }

  function reset() {
    list.reset()
    selected.value = null
    return load()
  }

  /** A unit chosen in the tree lists its children; the keyword gives way to it. */
  function selectNode(node: Selected | null) {
    selected.value = node
    query.keyword = ''
    page.current = 1
    return load()
  }

  function openDialog(mode: UnitDialogMode, row?: UnitRow) {
    Object.assign(form, emptyForm())
    if (row) Object.assign(form, { id: row.id, parentId: row.parentId, name: row.name, code: row.code ?? '', level: row.level, class: row.class ?? '' })
    else form.parentId = selected.value?.id ?? units.value[0]?.id ?? null
    parentLabel.value = row ? undefined : (selected.value?.name ?? units.value[0]?.name)
    moveDisabled.value = new Set(mode === 'move' && row ? [String(row.id)] : [])
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
      treeVersion.value++
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
      treeVersion.value++
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
      treeVersion.value++
      await load()
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
    return false
  }

  return {
    units, loading, query, page, filtered, rows, total, selected, dialog, form, parentLabel, moveDisabled, treeVersion,
    load, search, reset, selectNode, openDialog, submit, toggleActive, exportXlsx, importXlsx,
  }
}
