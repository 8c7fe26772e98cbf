import { computed, h, reactive, ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { http, ok, uploadBody } from '@/api/client'
import type {
  CampaignResponse, CategoryView, EvidenceLedgerRequest, EvidenceLinkRequest, EvidenceReceipt, ItemView, SchemeView, SubmissionItemView, SubmissionResponse, WorkspaceTask,
} from '@/api/types'
import { useAuthStore } from '@/stores/auth'
import { factText, factValues, ledgerCells, mayEnter, parseFactText, parseLedger, type FactType, type FactValue } from '@/utils/facts'
import { ApiError } from '@/api/errors'

/** One thing the report still lacks, as the server names it. */
export type MissingPart = NonNullable<SubmissionResponse['missing']>[number]

/** A non-file evidence kind with its request body. */
export type EvidenceBody = { kind: 'links'; request: EvidenceLinkRequest } | { kind: 'ledger-rows'; request: EvidenceLedgerRequest }

/** What the inputs of one item hold: text per scalar fact, cells per ledger, the explanation. */
export interface ItemDraft {
  texts: Record<string, string>
  ledgers: Record<string, Array<Record<string, string>>>
  explanation: string
}

export interface ItemGroup {
  key: string
  title: string
  items: Array<{ id: string; no: string; title: string }>
}

/** The seed table's order: each top-level category with the applicable items under it, however deep. */
export function groupItems(scheme: SchemeView, applicable: Set<string>): ItemGroup[] {
  const collect = (c: CategoryView): ItemView[] => [...c.categories.flatMap(collect), ...c.items]
  return scheme.categories
    .map((c) => ({
      key: c.id,
      title: c.no ? `${c.no} ${c.title}` : c.title,
      items: collect(c).filter((i) => applicable.has(i.id)).map((i) => ({ id: i.id, no: i.no ?? i.id, title: i.title })),
    }))
    .filter((g) => g.items.length > 0)
}

/** Builds the draft an item's inputs start from, out of the stored values. */
export function draftOf(item: SubmissionItemView, definitions: ItemView | undefined): ItemDraft {
  const draft: ItemDraft = { texts: {}, ledgers: {}, explanation: item.explanation ?? '' }
  for (const f of item.facts) {
    if (f.type === 'Ledger') {
      const columns = definitions?.facts.find((d) => d.key === f.key)?.columns ?? []
      draft.ledgers[f.key] = ledgerCells(columns.map((c) => ({ key: c.key, type: c.type as FactType })), f.value)
    } else draft.texts[f.key] = factText(f.type as FactType, f.value)
  }
  return draft
}

export function useSubmissionPage(campaignId: string, unitId: string) {
  const { t } = useI18n()
  const auth = useAuthStore()
  const campaign = ref<CampaignResponse | null>(null)
  const scheme = ref<SchemeView | null>(null)
  const submission = ref<SubmissionResponse | null>(null)
  const returnedTask = ref<WorkspaceTask | null>(null)
  const loading = ref(false)
  const error = ref('')
  const selected = ref<string>('')
  const drafts = reactive<Record<string, ItemDraft>>({})
  const fieldErrors = reactive<Record<string, string>>({})
  const save = reactive({ state: '' as '' | 'saving' | 'saved' | 'failed', at: '', message: '' })
  const uploads = reactive<Record<string, number>>({})
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  const unitPath = { campaignId: Number(campaignId), unitId: Number(unitId) }
  const itemPath = (itemId: string) => ({ ...unitPath, itemId })

  const definitions = computed(() => {
    const map = new Map<string, ItemView>()
    const walk = (c: CategoryView) => {
      c.categories.forEach(walk)
      c.items.forEach((i) => map.set(i.id, i))
    }
    scheme.value?.categories.forEach(walk)
    return map
  })
  const applicable = computed(() => new Set(submission.value?.items.filter((i) => i.applicable).map((i) => i.itemId) ?? []))
  const groups = computed(() => (scheme.value ? groupItems(scheme.value, applicable.value) : []))
  const item = computed(() => submission.value?.items.find((i) => i.itemId === selected.value) ?? null)
  const definition = computed(() => definitions.value.get(selected.value))
  const returnedItems = computed(() => new Map((returnedTask.value?.items ?? []).map((i) => [i.itemId, i])))
  const editable = computed(() => {
    const s = submission.value?.state
    const open = campaign.value?.state === 'Open' && s === 'Draft'
    return auth.can('submission:write') && (open || s === 'Returned')
  })

  /** Whether this user may enter the fact here (the scheme names who supplies it). */
  function enterable(itemId: string, key: string): boolean {
    const supplier = definitions.value.get(itemId)?.facts.find((d) => d.key === key)?.supplier ?? 'unit'
    return mayEnter(supplier, auth.me?.role)
  }

  async function load() {
    loading.value = true
    error.value = ''
    try {
      campaign.value = await ok(http.GET('/api/campaigns/{id}', { params: { path: { id: unitPath.campaignId } } }))
      const [view, sub, tasks] = await Promise.all([
        ok(http.GET('/api/schemes/{id}', { params: { path: { id: campaign.value.schemeId } } })),
        ok(http.GET('/api/campaigns/{campaignId}/units/{unitId}/submission', { params: { path: unitPath } })),
        ok(http.GET('/api/workspace/tasks')).catch(() => [] as WorkspaceTask[]),
      ])
      scheme.value = view
      setSubmission(sub, true)
      returnedTask.value = tasks.find((x) => x.kind === 'returned' && String(x.campaignId) === campaignId && String(x.unitId) === unitId) ?? null
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  function setSubmission(sub: SubmissionResponse, resetDrafts: boolean) {
    submission.value = sub
    for (const i of sub.items) if (resetDrafts || !drafts[i.itemId]) drafts[i.itemId] = draftOf(i, definitions.value.get(i.itemId))
  }

  /** The facts of an item as the server reads them, or the first input error (shown beside its field). */
  function collect(itemId: string): Record<string, FactValue> | null {
    const target = submission.value?.items.find((i) => i.itemId === itemId)
    const draft = drafts[itemId]
    if (!target || !draft) return null
    const facts: Record<string, FactValue> = {}
    let ok = true
    for (const f of target.facts) {
      const key = `${itemId}:${f.key}`
      delete fieldErrors[key]
      // Facts others supply are shown, never sent: the server refuses a liaison's value for them even unchanged.
      if (f.type === 'Judgement' || !enterable(itemId, f.key)) continue
      if (f.type === 'Ledger') {
        const columns = definitions.value.get(itemId)?.facts.find((d) => d.key === f.key)?.columns ?? []
        const parsed = parseLedger(columns.map((c) => ({ key: c.key, label: c.label, type: c.type as FactType })), draft.ledgers[f.key] ?? [])
        if (parsed.ok) facts[f.key] = parsed.value.length > 0 || f.value !== null ? parsed.value : null
        else { fieldErrors[key] = parsed.error; ok = false }
        continue
      }
      const parsed = parseFactText(f.type as FactType, draft.texts[f.key] ?? '', f.label)
      if (parsed.ok) facts[f.key] = parsed.value
      else { fieldErrors[key] = parsed.error; ok = false }
    }
    return ok ? facts : null
  }

  /** Saves the item's draft a moment after the last keystroke, so typing is never interrupted by a request. */
  function changed(itemId: string) {
    if (!editable.value) return
    clearTimeout(timers.get(itemId))
    timers.set(itemId, setTimeout(() => void saveItem(itemId), 800))
  }

  async function saveItem(itemId: string): Promise<boolean> {
    timers.delete(itemId)
    const facts = collect(itemId)
    if (!facts) return false
    save.state = 'saving'
    try {
      const sub = await ok(http.PUT('/api/campaigns/{campaignId}/units/{unitId}/submission/items/{itemId}', {
        params: { path: itemPath(itemId) },
        body: { facts: factValues(facts), explanation: drafts[itemId].explanation },
      }))
      submission.value = sub
      save.state = 'saved'
      save.at = new Date().toLocaleTimeString('zh-CN', { hour12: false })
      return true
    } catch (e) {
      save.state = 'failed'
      save.message = (e as Error).message
      if (e instanceof ApiError) for (const [k, v] of Object.entries(e.fieldErrors)) fieldErrors[`${itemId}:${k.replace(/^facts\.?/, '')}`] = v
      return false
    }
  }

  async function flush(): Promise<boolean> {
    const pending = [...timers.keys()]
    for (const id of pending) clearTimeout(timers.get(id))
    const results = await Promise.all(pending.map(saveItem))
    return results.every(Boolean)
  }

  async function upload(itemId: string, file: File): Promise<EvidenceReceipt | null> {
    uploads[itemId] = 0
    try {
      const receipt = await ok(http.POST('/api/campaigns/{campaignId}/units/{unitId}/submission/items/{itemId}/evidence', {
        params: { path: itemPath(itemId), query: { fileName: file.name } },
        ...uploadBody(file, (p) => (uploads[itemId] = p)),
      }))
      addReceipt(itemId, receipt)
      ElMessage.success(t('submission.uploaded'))
      return receipt
    } catch (e) {
      ElMessage.error((e as Error).message)
      return null
    } finally {
      delete uploads[itemId]
    }
  }

  /** Adds a receipt the server returned to its item's evidence list. */
  function addReceipt(itemId: string, receipt: EvidenceReceipt) {
    const target = submission.value?.items.find((i) => i.itemId === itemId)
    if (target) target.evidence = [...target.evidence, receipt]
  }

  /** Posts one of the non-file evidence kinds; field errors come back keyed `evidence:<field>` for the form. */
  async function addEvidence(itemId: string, body: EvidenceBody): Promise<boolean> {
    for (const k of Object.keys(fieldErrors)) if (k.startsWith('evidence:')) delete fieldErrors[k]
    try {
      addReceipt(itemId, await ok(body.kind === 'links'
        ? http.POST('/api/campaigns/{campaignId}/units/{unitId}/submission/items/{itemId}/links', { params: { path: itemPath(itemId) }, body: body.request })
        : http.POST('/api/campaigns/{campaignId}/units/{unitId}/submission/items/{itemId}/ledger-rows', { params: { path: itemPath(itemId) }, body: body.request })))
      ElMessage.success(t('evidenceKinds.added'))
      return true
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0)
        for (const [k, v] of Object.entries(e.fieldErrors)) fieldErrors[`evidence:${k.replace(/^rows\[\d+\]\..*$/, 'rows')}`] = v
      else ElMessage.error((e as Error).message)
      return false
    }
  }

  async function uploadScreenshot(itemId: string, file: File): Promise<void> {
    uploads[itemId] = 0
    try {
      addReceipt(itemId, await ok(http.POST('/api/campaigns/{campaignId}/units/{unitId}/submission/items/{itemId}/screenshots', {
        params: { path: itemPath(itemId), query: { fileName: file.name } },
        ...uploadBody(file, (p) => (uploads[itemId] = p)),
      })))
      ElMessage.success(t('submission.uploaded'))
    } catch (e) {
      ElMessage.error((e as Error).message)
    } finally {
      delete uploads[itemId]
    }
  }

  /** Asks, then posts a state change of the whole submission (confirm the baseline, confirm the review result). */
  async function act(path: 'confirm-baseline' | 'confirm', question: string, done: string) {
    try {
      await ElMessageBox.confirm(question, t('common.confirmTitle'), { type: 'warning' })
    } catch {
      return
    }
    try {
      const params = { params: { path: unitPath } }
      setSubmission(await ok(path === 'confirm'
        ? http.POST('/api/campaigns/{campaignId}/units/{unitId}/submission/confirm', params)
        : http.POST('/api/campaigns/{campaignId}/units/{unitId}/submission/confirm-baseline', params)), false)
      ElMessage.success(done)
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }
  const confirmBaseline = () => act('confirm-baseline', t('baseline.confirmConfirm'), t('baseline.confirmed'))
  const confirmResult = () => act('confirm', t('reviewDone.confirmResultConfirm'), t('reviewDone.confirmedResult'))
  const needsBaseline = computed(() => !!submission.value?.baselineCampaignId && !submission.value.baselineConfirmedAt)

  /** What the report still lacks, as the server lists it (refreshed by every save). */
  const missing = computed(() => submission.value?.missing ?? [])
  /** Nothing the unit answers is answered: no fact of its own entered and no explanation (the server refuses such a report). */
  const answeredNothing = computed(() => {
    const own = (itemId: string, key: string) => (definitions.value.get(itemId)?.facts.find((d) => d.key === key)?.supplier ?? 'unit') === 'unit'
    const items = submission.value?.items.filter((i) => i.applicable && i.facts.some((f) => own(i.itemId, f.key))) ?? []
    return items.length > 0 && items.every((i) => !i.explanation && i.facts.every((f) => !own(i.itemId, f.key) || f.value === null || f.value === undefined))
  })
  /** The list of what is missing, as the body of a message box (text nodes only: names are shown as typed, never as HTML). */
  function missingBody(lead: string, parts: MissingPart[], after: string) {
    return h('div', { 'data-test': 'submit-dialog' }, [
      h('div', lead),
      h('ul', { class: 'missing-list', 'data-test': 'missing-list', style: 'margin: 8px 0; padding-left: 20px; line-height: 1.8; max-height: 300px; overflow: auto' },
        parts.map((m) => h('li', m.name))),
      h('div', { class: 'muted', 'data-test': 'missing-after' }, after),
    ])
  }

  /**
   * Writes pending saves, then shows what the report still lacks before anything is sent: an empty report is refused
   * there and then (as the server would), a partial one is sent only when the liaison says so knowingly.
   */
  async function submit() {
    if (!(await flush())) return
    const parts = missing.value
    if (answeredNothing.value) {
      await ElMessageBox.alert(missingBody(t('flow.missingLead'), parts, t('flow.emptyRefused')), t('flow.missingTitle'),
        { type: 'error', confirmButtonText: t('flow.goFill') }).catch(() => undefined)
      return
    }
    try {
      await ElMessageBox.confirm(parts.length > 0 ? missingBody(t('flow.missingLead'), parts, t('flow.partialWarn')) : t('submission.submitConfirm'),
        t('flow.missingTitle'), { type: 'warning', confirmButtonText: parts.length > 0 ? t('flow.submitAnyway') : t('flow.submitNow'), cancelButtonText: t('flow.goFill') })
    } catch {
      return
    }
    try {
      setSubmission(await ok(http.POST('/api/campaigns/{campaignId}/units/{unitId}/submission/submit', { params: { path: unitPath } })), true)
      returnedTask.value = null
      ElMessage.success(t('submission.submitted'))
    } catch (e) {
      // The server's refusal of an empty report names what it lacks: shown as the same list.
      const listed = e instanceof ApiError ? (e.problem as { missing?: MissingPart[] } | null)?.missing : undefined
      if (listed && listed.length > 0)
        await ElMessageBox.alert(missingBody((e as Error).message, listed, t('flow.emptyRefused')), t('flow.missingTitle'), { type: 'error' }).catch(() => undefined)
      else ElMessage.error((e as Error).message)
    }
  }

  const withdrawable = computed(() => auth.can('submission:write') && submission.value?.state === 'Submitted' && campaign.value?.state === 'Open')

  async function withdraw() {
    try {
      await ElMessageBox.confirm(t('flow.withdrawConfirm'), t('common.confirmTitle'), { type: 'warning' })
    } catch {
      return
    }
    try {
      setSubmission(await ok(http.POST('/api/campaigns/{campaignId}/units/{unitId}/submission/withdraw', { params: { path: unitPath } })), true)
      ElMessage.success(t('flow.withdrawn'))
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }

  const returnable = computed(() => auth.can('campaign:manage') && ['Submitted', 'Resubmitted', 'Reviewed'].includes(submission.value?.state ?? ''))

  /** The office returns the whole report; field errors come back keyed `return:<field>`. */
  async function returnWhole(reason: string, supplementDue: string): Promise<boolean> {
    delete fieldErrors['return:reason']
    delete fieldErrors['return:supplementDue']
    try {
      setSubmission(await ok(http.POST('/api/campaigns/{campaignId}/units/{unitId}/submission/return', {
        params: { path: unitPath }, body: { reason, supplementDue },
      })), true)
      ElMessage.success(t('flow.returnDone'))
      await load()
      return true
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0)
        for (const [k, v] of Object.entries(e.fieldErrors)) fieldErrors[`return:${k}`] = v
      else ElMessage.error((e as Error).message)
      return false
    }
  }

  /** Removes an upload (asked first unless it is being replaced); the answer comes back without it. */
  async function removeEvidence(receipt: EvidenceReceipt, ask = true): Promise<boolean> {
    if (ask) {
      try {
        await ElMessageBox.confirm(t('flow.removeConfirm', { name: receipt.fileName }), t('common.confirmTitle'), { type: 'warning' })
      } catch {
        return false
      }
    }
    try {
      setSubmission(await ok(http.DELETE('/api/campaigns/{campaignId}/units/{unitId}/submission/evidence/{evidenceId}', {
        params: { path: { ...unitPath, evidenceId: Number(receipt.id) } },
      })), false)
      if (ask) ElMessage.success(t('flow.removed'))
      return true
    } catch (e) {
      ElMessage.error((e as Error).message)
      return false
    }
  }

  /** Replaces an upload: the new file first, so a refused one leaves the old in place. */
  async function replaceEvidence(receipt: EvidenceReceipt, file: File) {
    const added = await upload(receipt.itemId, file)
    if (added && (await removeEvidence(receipt, false))) ElMessage.success(t('flow.replaced'))
  }

  /** Where an uploaded file opens: the download endpoint, which always answers as an attachment. */
  const evidenceUrl = (receipt: EvidenceReceipt) =>
    `/api/campaigns/${unitPath.campaignId}/units/${unitPath.unitId}/submission/evidence/${receipt.id}`

  return {
    campaign, scheme, submission, returnedTask, loading, error, selected, drafts, fieldErrors, save, uploads, groups, item, definition,
    returnedItems, editable, enterable, load, changed, saveItem, upload, submit, addEvidence, uploadScreenshot, confirmBaseline, confirmResult, needsBaseline,
    missing, answeredNothing, withdrawable, withdraw, returnable, returnWhole, removeEvidence, replaceEvidence, evidenceUrl,
  }
}
