import { computed, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { http, ok, saveFile } from '@/api/client'
import type { AuditCheckpoint, AuditEventResponse, AuditVerifyResponse } from '@/api/types'
import { useServerListPage } from '@/composables/useListPage'
import { changedFields, splitAction } from '@/utils/audit'

/** Shows a UTC instant in the viewer's local time, as a Chinese office reads it: 2026-11-22 11:05:09. */
export function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function useAuditPage() {
  const { t, te } = useI18n()
  // Known entity types, verbs and fields in the reader's language; anything newer as the server names it.
  const named = (key: string, raw: string) => (te(key) ? t(key) : raw)
  const actionText = (action: string) => {
    const { entity, verb } = splitAction(action)
    return `${named(`audit.verbs.${verb}`, verb)}${named(`audit.entities.${entity}`, entity)}`
  }
  const changesText = (e: AuditEventResponse) =>
    changedFields(e.before, e.after)
      .map((c) => {
        const field = named(`audit.fields.${c.field}`, c.field)
        const value = e.before && e.after ? t('changes.change', { before: c.before, after: c.after }) : c.after || c.before
        return t('sep.labelled', { label: field, value })
      })
      .join(t('sep.list'))
  const list = useServerListPage({
    query: { entityType: '', entityId: '' },
    size: 20,
    fetch: (query, skip, take) =>
      ok(http.GET('/api/audit', {
        params: { query: { skip, take, entityType: query.entityType.trim() || undefined, entityId: query.entityId.trim() || undefined } },
      })),
  })
  const verifying = ref(false)
  const verdict = ref<{ ok: boolean; text: string } | null>(null)

  const rows = computed(() =>
    list.rows.value.map((e: AuditEventResponse) => ({
      ...e,
      atText: formatTime(e.at),
      actionName: actionText(e.action),
      entityName: named(`audit.entities.${e.entityType}`, e.entityType),
      changes: changesText(e),
    })),
  )

  function show(r: AuditVerifyResponse) {
    if (!r.intact) {
      // The server names the first problem (a broken link, a snapshot, a checkpoint no longer held) in Chinese.
      const reason = r.problem ?? t('audit.broken', { sequence: r.firstBreak?.sequence ?? '?', reason: r.firstBreak?.reason ?? '' })
      verdict.value = { ok: false, text: reason }
      return
    }
    const parts = [t('audit.intact', { count: r.eventCount })]
    if (Number(r.snapshotCount) > 0) parts.push(t('audit.snapshots', { count: r.snapshotCount }))
    if (r.checkpoint) parts.push(t('audit.checkpointHolds', { at: formatTime(r.checkpoint.at), count: r.checkpoint.eventCount }))
    verdict.value = { ok: true, text: parts.join(t('sep.list')) }
  }

  async function verify() {
    verifying.value = true
    try {
      show(await ok(http.GET('/api/audit/verify')))
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      verifying.value = false
    }
  }

  /** Issues a signed checkpoint and saves it as a file: its worth is that it is kept outside this system. */
  async function issueCheckpoint() {
    try {
      const c = await ok(http.POST('/api/audit/checkpoint'))
      saveFile(new Blob([JSON.stringify(c, null, 2)], { type: 'application/json' }), `audit-checkpoint-${c.tenantId}-${c.eventCount}.json`)
      ElMessage.success(t('audit.checkpointIssued', { count: c.eventCount }))
      await list.load()
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }

  /** Verifies against a checkpoint file the office kept; returns false so the upload component sends nothing itself. */
  async function verifyCheckpoint(file: File) {
    let checkpoint: AuditCheckpoint
    try {
      checkpoint = JSON.parse(await file.text()) as AuditCheckpoint
    } catch {
      ElMessage.error(t('audit.checkpointUnreadable'))
      return false
    }
    verifying.value = true
    try {
      show(await ok(http.POST('/api/audit/verify', { body: checkpoint })))
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      verifying.value = false
    }
    return false
  }

  const { page, query, total, loading, load, search } = list
  return { page, query, total, rows, loading, verifying, verdict, load, search, verify, issueCheckpoint, verifyCheckpoint }
}
