import { computed, reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { http, ok } from '@/api/client'
import type { CampaignResponse, CategoryView, EvidenceReceipt, ItemReviewView, ItemView, ReviewItemRequest, SchemeView, SubmissionResponse } from '@/api/types'
import { factText, factValues, parseFactText, type FactType, type FactValue } from '@/utils/facts'
import { ApiError } from '@/api/errors'
import { parsePoints } from './points'
import { previewKind } from '@/utils/preview'

// Kept here too: the campaign tests and older imports name it from the review page.
export { previewKind }

export function useReviewItem(campaignId: string, unitId: string, itemId: string) {
  const { t } = useI18n()
  const campaign = ref<CampaignResponse | null>(null)
  const scheme = ref<SchemeView | null>(null)
  const submission = ref<SubmissionResponse | null>(null)
  const review = ref<ItemReviewView | null>(null)
  const loading = ref(false)
  const error = ref('')
  const form = reactive({ action: 'confirm' as 'confirm' | 'correct' | 'score' | 'return', reason: '', due: '', points: '', facts: {} as Record<string, string>, busy: false })
  const errors = ref<Record<string, string>>({})
  const formError = ref('')
  const conflict = ref('')
  const preview = reactive({ evidence: null as EvidenceReceipt | null })
  const unitPath = { campaignId: Number(campaignId), unitId: Number(unitId) }
  const itemPath = { params: { path: { ...unitPath, itemId } } }
  const evidenceFile = (evidence: EvidenceReceipt) =>
    ok(http.GET('/api/campaigns/{campaignId}/units/{unitId}/submission/evidence/{evidenceId}', {
      params: { path: { ...unitPath, evidenceId: Number(evidence.id) } },
      parseAs: 'blob',
    }))

  const item = computed(() => submission.value?.items.find((i) => i.itemId === itemId) ?? null)
  const definition = computed<ItemView | undefined>(() => {
    let found: ItemView | undefined
    const walk = (c: CategoryView) => {
      c.categories.forEach(walk)
      found ??= c.items.find((i) => i.id === itemId)
    }
    scheme.value?.categories.forEach(walk)
    return found
  })
  // A judgement is given with 评审给分 (points and reason), not typed as a fact.
  const editableFacts = computed(() => item.value?.facts.filter((f) => f.type !== 'Ledger' && f.type !== 'Judgement') ?? [])
  /** Returned is red until the unit answers; an answered return waits like a new item. */
  const stateType = computed(() => {
    const r = review.value
    if (!r || r.state === 'Pending') return 'info'
    if (r.state === 'Returned') return submission.value?.state === 'Resubmitted' ? 'warning' : 'danger'
    return 'success'
  })
  /** What the unit answered: a judgement is the reviewer's own to give, not a fact the unit entered. */
  const unitFacts = computed(() => item.value?.facts.filter((f) => f.type !== 'Judgement') ?? [])
  /** Where this item stands among the unit's items (scheme order), and the items before and after it. */
  const neighbours = computed(() => {
    const ids = submission.value?.items.map((i) => i.itemId) ?? []
    const at = ids.indexOf(itemId)
    return { index: at + 1, total: ids.length, prev: at > 0 ? ids[at - 1] : undefined, next: at >= 0 && at < ids.length - 1 ? ids[at + 1] : undefined }
  })

  async function load() {
    loading.value = true
    error.value = ''
    try {
      campaign.value = await ok(http.GET('/api/campaigns/{id}', { params: { path: { id: unitPath.campaignId } } }))
      const [view, sub] = await Promise.all([
        ok(http.GET('/api/schemes/{id}', { params: { path: { id: campaign.value.schemeId } } })),
        ok(http.GET('/api/campaigns/{campaignId}/units/{unitId}/submission', { params: { path: unitPath } })),
      ])
      scheme.value = view
      submission.value = sub
      await loadReview()
      for (const f of item.value?.facts ?? []) form.facts[f.key] ??= factText(f.type as FactType, f.value)
      if (review.value?.isJudgement) {
        // An unscored judgement has one way on: its points. A scored one shows what was given, to confirm or change.
        form.action = review.value.points == null ? 'score' : 'confirm'
        if (review.value.points != null) form.points = String(review.value.points)
      }
      const first = item.value?.evidence.find((e) => e.kind !== 'link')
      if (first) show(first)
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  /** Refreshes the verdict and its version only: what the reviewer typed stays in the form. */
  async function loadReview() {
    review.value = await ok(http.GET('/api/campaigns/{campaignId}/units/{unitId}/submission/items/{itemId}/review', itemPath))
  }

  /** The file the viewer shows; FilePreview fetches it, this only says which. */
  function show(evidence: EvidenceReceipt) {
    preview.evidence = evidence
  }

  /** The chosen file's bytes, for the viewer (a new function per file, so the viewer loads afresh). */
  const previewSource = computed(() => {
    const evidence = preview.evidence
    return evidence ? () => evidenceFile(evidence) : null
  })

  async function downloadEvidence(evidence: EvidenceReceipt) {
    try {
      const blob = await evidenceFile(evidence)
      const url = URL.createObjectURL(blob)
      const a = document.createElement('a')
      a.href = url
      a.download = evidence.fileName
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 1000)
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }

  async function submit(): Promise<boolean> {
    errors.value = {}
    formError.value = ''
    conflict.value = ''
    const body: ReviewItemRequest = { action: form.action, expectedVersion: Number(review.value?.version ?? 0), facts: null, reason: null, supplementDue: null }
    if (form.action !== 'confirm') body.reason = form.reason
    if (form.action === 'return') body.supplementDue = form.due || null
    if (form.action === 'score') {
      const max = Number(review.value?.judgementMax ?? 0)
      const parsed = parsePoints(form.points, max)
      if (!parsed.ok) {
        errors.value = { points: t(`review.pointsErrors.${parsed.error}`, { max }) }
        return false
      }
      body.points = parsed.value
    }
    if (form.action === 'correct') {
      const facts: Record<string, FactValue> = {}
      for (const f of editableFacts.value) {
        if (f.type === 'Judgement') continue
        const before = factText(f.type as FactType, f.value)
        const typed = form.facts[f.key] ?? ''
        if (typed === before) continue
        const parsed = parseFactText(f.type as FactType, typed, f.label)
        if (!parsed.ok) {
          errors.value = { ...errors.value, [`facts.${f.key}`]: parsed.error }
          continue
        }
        facts[f.key] = parsed.value
      }
      if (Object.keys(errors.value).length > 0) return false
      body.facts = factValues(facts)
    }
    form.busy = true
    try {
      review.value = await ok(http.POST('/api/campaigns/{campaignId}/units/{unitId}/submission/items/{itemId}/review', { ...itemPath, body }))
      // The points as stored (７．５ typed reads 7.5 from now on).
      if (body.points != null) form.points = String(body.points)
      ElMessage.success(t('review.done'))
      return true
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) conflict.value = t('review.conflict', { message: e.message })
      else if (e instanceof ApiError) {
        errors.value = e.fieldErrors
        if (Object.keys(errors.value).length === 0) formError.value = e.message
      } else formError.value = String(e)
      return false
    } finally {
      form.busy = false
    }
  }

  return { campaign, submission, review, loading, error, form, errors, formError, conflict, preview, item, definition, editableFacts, unitFacts, neighbours, stateType, previewSource, load, loadReview, show, downloadEvidence, submit }
}
