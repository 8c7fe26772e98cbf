import { computed, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { http, ok, saveFile } from '@/api/client'
import type { AuditCheckpoint, AuditEventResponse, AuditVerifyResponse } from '@/api/types'
import { useServerListPage } from '@/composables/useListPage'
import { actionWords, beijingTime, changeLines, entityWords, type AuditWords } from '@/utils/audit'
import auditZh from '@/locales/audit.zh-CN'
import auditEn from '@/locales/audit.en'

/** An instant in Beijing time, as the office's own clock reads it: 2026-11-22 11:05:09. */
export const formatTime = beijingTime

/** The raw snapshot, indented, for the technical details only. */
function pretty(json: string | null): string {
  if (!json) return ''
  try {
    return JSON.stringify(JSON.parse(json), null, 2)
  } catch {
    return json
  }
}

export function useAuditPage() {
  const { t, locale } = useI18n()
  // The audit vocabulary is read as data (labels per code), so it is taken from the locale module, not through t().
  const words = computed<AuditWords>(() => (locale.value === 'en' ? auditEn : auditZh))
  const entityOptions = computed(() => Object.entries(words.value.entities).map(([value, label]) => ({ value, label })))
  const changesText = (e: AuditEventResponse) =>
    changeLines(e.before, e.after, words.value)
      .map((c) => {
        const value = c.before && c.after ? t('changes.change', { before: c.before, after: c.after }) : c.after || c.before
        return t('sep.labelled', { label: c.label, value })
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
      actionName: actionWords(e.action, words.value),
      entityName: entityWords(e.entityType, words.value),
      changes: changesText(e),
      beforeJson: pretty(e.before),
      afterJson: pretty(e.after),
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
  return { page, query, total, rows, entityOptions, loading, verifying, verdict, load, search, verify, issueCheckpoint, verifyCheckpoint }
}
