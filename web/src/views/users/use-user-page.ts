import { reactive, ref, watch } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { download, http, ok, workbookBody } from '@/api/client'
import type { ScopeKind, UserResponse } from '@/api/types'
import { ApiError } from '@/api/errors'
import { matches } from '@/utils/tree'
import { useListPage } from '@/composables/useListPage'
import { unitSource } from '@/components/unit-picker'
import { useAuthStore } from '@/stores/auth'

export const roles = ['office-admin', 'liaison', 'data-provider', 'reviewer', 'leader'] as const
export const scopeKinds: ScopeKind[] = ['OwnUnit', 'Subtree', 'Campaigns']

export interface UserForm {
  id: string | null
  userName: string
  displayName: string
  password: string
  unitId: number | string | null
  role: string
  scopeKind: ScopeKind
  scopeUnitId: number | string | null
}

export interface UserRow extends UserResponse {
  unitName: string
  scopeName: string
}

const emptyForm = (): UserForm => ({
  id: null, userName: '', displayName: '', password: '', unitId: null, role: 'liaison', scopeKind: 'OwnUnit', scopeUnitId: null,
})

export function useUserPage() {
  const { t } = useI18n()
  const auth = useAuthStore()
  /** The names of the units the shown rows sit in, asked of the server a page at a time (never the whole tree). */
  const unitNames = ref(new Map<string, string>())
  const dialog = reactive({ open: false, busy: false, errors: {} as Record<string, string>, error: '' })
  const form = reactive<UserForm>(emptyForm())

  const list = useListPage({
    query: { keyword: '', role: '', unitId: null as number | string | null },
    fetch: () => ok(http.GET('/api/users')),
    filter: (users, query): UserRow[] =>
      users
        .filter((u) => matches(u, query.keyword, ['userName', 'displayName']))
        .filter((u) => !query.role || u.role === query.role)
        .filter((u) => query.unitId === null || String(u.unitId) === String(query.unitId))
        .map((u) => ({ ...u, unitName: unitNames.value.get(String(u.unitId)) ?? '', scopeName: t(`user.scopes.${u.scopeKind}`) })),
  })
  const { loading, query, page, filtered, rows, total, load, reset } = list
  const users = list.items
  watch(rows, async (shown) => {
    const missing = [...new Set(shown.map((u) => String(u.unitId)))].filter((id) => !unitNames.value.has(id))
    if (missing.length === 0) return
    const named = await Promise.all(missing.map((id) => unitSource.get(id).then((u) => [id, u.name] as const, () => [id, ''] as const)))
    unitNames.value = new Map([...unitNames.value, ...named])
  })

  function openDialog(row?: UserResponse) {
    Object.assign(form, emptyForm())
    if (row)
      Object.assign(form, {
        id: row.id, userName: row.userName, displayName: row.displayName, unitId: row.unitId, role: row.role,
        scopeKind: row.scopeKind, scopeUnitId: row.scopeUnitId,
      })
    else form.unitId = auth.me?.unitId ?? null
    dialog.errors = {}
    dialog.error = ''
    dialog.open = true
  }

  async function submit() {
    dialog.busy = true
    dialog.errors = {}
    dialog.error = ''
    try {
      const common = { displayName: form.displayName, unitId: form.unitId, role: form.role, scopeKind: form.scopeKind, scopeUnitId: form.scopeUnitId }
      if (form.id === null) await http.POST('/api/users', { body: { ...common, userName: form.userName, password: form.password } })
      else await http.PUT('/api/users/{id}', { params: { path: { id: form.id } }, body: common })
      dialog.open = false
      ElMessage.success(t('common.saved'))
      await load()
    } catch (e) {
      if (e instanceof ApiError) {
        dialog.errors = e.fieldErrors
        if (Object.keys(dialog.errors).length === 0) dialog.error = e.message
      } else dialog.error = String(e)
    } finally {
      dialog.busy = false
    }
  }

  async function toggleActive(row: UserResponse) {
    try {
      if (row.isActive) {
        await ElMessageBox.confirm(t('user.disableConfirm', { name: row.displayName }), t('common.confirmTitle'), { type: 'warning' })
        await http.POST('/api/users/{id}/disable', { params: { path: { id: String(row.id) } } })
      } else await http.POST('/api/users/{id}/enable', { params: { path: { id: String(row.id) } } })
      ElMessage.success(t('common.saved'))
      await load()
    } catch (e) {
      if (e instanceof Error) ElMessage.error(e.message)
    }
  }

  async function resetPassword(row: UserResponse) {
    try {
      const { value } = await ElMessageBox.prompt(t('user.newPassword'), `${t('user.resetPassword')} · ${row.userName}`, { inputType: 'password' })
      await http.POST('/api/users/{id}/password', { params: { path: { id: String(row.id) } }, body: { newPassword: value } })
      ElMessage.success(t('user.passwordReset'))
    } catch (e) {
      if (e instanceof Error) ElMessage.error(e.message)
    }
  }

  async function exportXlsx() {
    try {
      await download(http.GET('/api/users/export', { parseAs: 'blob' }), 'users.xlsx')
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }

  async function importXlsx(file: File) {
    try {
      const result = await ok(http.POST('/api/users/import', workbookBody(file)))
      const summary = t('common.imported', { created: result.created, updated: result.updated })
      // New accounts' initial passwords are shown once, as the server gives them only in this answer.
      const accounts = result.newAccounts.map((a) => t('accounts.initialPassword', { userName: a.userName, password: a.initialPassword })).join('\n')
      if (accounts) await ElMessageBox.alert(`${summary}\n${accounts}`, t('common.import'), { customStyle: { whiteSpace: 'pre-line' } })
      else ElMessage.success(summary)
      await load()
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
    return false
  }

  return { users, unitNames, loading, query, page, filtered, rows, total, dialog, form, load, reset, openDialog, submit, toggleActive, resetPassword, exportXlsx, importXlsx }
}
