import { computed, reactive, ref, watch } from 'vue'
import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { http, ok } from '@/api/client'
import type { OpenCampaignRequest, SchemeSummary, SchemeView, UnitClassCount, UnitNode, UserResponse } from '@/api/types'
import { ApiError } from '@/api/errors'
import { subtreeChoice, unitSource } from '@/components/unit-picker'
import { emptyPeriod, periodKeyOf, stepErrors, type PeriodPick } from './campaign-logic'

export interface WizardForm {
  name: string
  schemeId: string
  /** What the period picker holds; periodKey follows it in the form the server reads. */
  period: PeriodPick
  periodKey: string
  mode: 'list' | 'subtree'
  unitIds: Array<number | string>
  subtreeUnitId: number | string | null
  unitClasses: string[]
  classMap: Record<string, string>
  liaisonDue: string
  evidenceDue: string
  selfDue: string
  reviewDue: string
  appealDays: number
  reviewerIds: string[]
  spotCheckPercent: number
  selfRequired: boolean
  openNow: boolean
}

/** Which step each server field belongs to, so an error sends the user back to where it can be fixed. */
const fieldStep: Record<string, number> = {
  name: 0, schemeId: 0, periodKey: 0, unitIds: 1, subtreeUnitId: 1, unitClasses: 1, classMap: 1,
  'schedule.liaisonDue': 2, 'schedule.evidenceDue': 2, 'schedule.selfAssessmentDue': 2, 'schedule.reviewDue': 2, 'schedule.appealWindowDays': 2,
  reviewerIds: 3, spotCheckShare: 3,
}

/** The classes chosen units carry that the scheme names neither by id nor by name: these need a mapping. */
export function unmappedClasses(unitClasses: string[], scheme: Pick<SchemeSummary, 'classes'> | null): string[] {
  if (!scheme || scheme.classes.length === 0) return []
  const known = new Set(scheme.classes.flatMap((c) => [c.id, c.name]))
  return [...new Set(unitClasses)].filter((c) => !known.has(c)).sort()
}

/** The request the server reads: blanks left out, the share as a fraction, wall-clock times as typed (Beijing). */
export function toRequest(f: WizardForm, mapped: string[]): OpenCampaignRequest {
  const blank = (s: string) => (s.trim() === '' ? null : s.trim())
  const classMap = Object.fromEntries(mapped.filter((c) => f.classMap[c]).map((c) => [c, f.classMap[c]]))
  return {
    name: blank(f.name), schemeId: blank(f.schemeId), periodKey: blank(f.periodKey),
    unitIds: f.mode === 'list' ? f.unitIds : null,
    subtreeUnitId: f.mode === 'subtree' ? f.subtreeUnitId : null,
    unitClasses: f.mode === 'subtree' && f.unitClasses.length > 0 ? f.unitClasses : null,
    classMap: Object.keys(classMap).length > 0 ? classMap : null,
    schedule: {
      liaisonDue: blank(f.liaisonDue), evidenceDue: blank(f.evidenceDue), selfAssessmentDue: blank(f.selfDue),
      reviewDue: blank(f.reviewDue), appealWindowDays: f.appealDays,
    },
    reviewerIds: f.reviewerIds,
    // Percent typed as a whole number; the server stores the share as an exact decimal fraction.
    spotCheckShare: Number((f.spotCheckPercent / 100).toFixed(4)),
    selfAssessmentRequired: f.selfRequired,
  }
}

export function useCampaignWizard() {
  const { t } = useI18n()
  const router = useRouter()
  const step = ref(0)
  const busy = ref(false)
  const errors = ref<Record<string, string>>({})
  const error = ref('')
  const schemes = ref<SchemeSummary[]>([])
  /** The units the tree has loaded so far, by id: a unit is checked only once its branch is open, so its name and class are here. */
  const seen = ref(new Map<string, UnitNode>())
  /** The classes of the chosen subtree with how many active units each, asked of the server when the subtree is chosen. */
  const classCounts = ref<UnitClassCount[]>([])
  const reviewers = ref<UserResponse[]>([])
  const schemeView = ref<SchemeView | null>(null)
  const form = reactive<WizardForm>({
    name: '', schemeId: '', period: emptyPeriod(), periodKey: '', mode: 'list', unitIds: [], subtreeUnitId: null, unitClasses: [], classMap: {},
    liaisonDue: '', evidenceDue: '', selfDue: '', reviewDue: '', appealDays: 10, reviewerIds: [], spotCheckPercent: 20, selfRequired: true, openNow: true,
  })

  const scheme = computed(() => schemes.value.find((s) => s.id === form.schemeId) ?? null)
  const classes = computed(() => classCounts.value.map((c) => c.class))
  /** The units checked one by one; a subtree's units are counted by the server, never listed here. */
  const chosenUnits = computed(() =>
    form.mode === 'list' ? form.unitIds.map((id) => seen.value.get(String(id))).filter((u): u is UnitNode => u !== undefined) : [])
  const chosen = computed(() => {
    if (form.mode === 'list') return { count: chosenUnits.value.length, classes: chosenUnits.value.map((u) => u.class).filter((c): c is string => !!c) }
    return form.subtreeUnitId === null ? { count: 0, classes: [] } : subtreeChoice(classCounts.value, form.unitClasses)
  })
  const toMap = computed(() => unmappedClasses(chosen.value.classes, scheme.value))
  function remember(units: UnitNode[]) {
    const next = new Map(seen.value)
    for (const u of units) next.set(String(u.id), u)
    seen.value = next
  }
  watch(() => form.subtreeUnitId, async (id) => {
    classCounts.value = []
    // Classes the new subtree does not hold would choose nothing.
    form.unitClasses = []
    if (id === null || id === '') return
    try {
      classCounts.value = await unitSource.classes(id)
    } catch (e) {
      error.value = (e as Error).message
    }
  })
  watch(() => periodKeyOf(scheme.value?.period, form.period), (key) => { form.periodKey = key }, { immediate: true })

  async function load() {
    try {
      const [list, users] = await Promise.all([
        ok(http.GET('/api/schemes')),
        ok(http.GET('/api/users')).catch(() => [] as UserResponse[]),
      ])
      schemes.value = list.schemes
      reviewers.value = users.filter((u) => u.role === 'reviewer' && u.isActive)
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  async function pickScheme() {
    schemeView.value = null
    // Another scheme may count in other periods: what was picked for the last one no longer fits.
    form.period = emptyPeriod()
    if (!form.schemeId) return
    try {
      schemeView.value = await ok(http.GET('/api/schemes/{id}', { params: { path: { id: form.schemeId } } }))
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  /** Set while the step's own check has refused: each fix then takes its message away at once, not at the next click. */
  const checking = ref(false)
  const currentErrors = () => stepErrors(step.value, { ...form, unitCount: chosen.value.count, unmapped: toMap.value.filter((c) => !form.classMap[c]) }, t)
  watch([form, chosen], () => {
    if (!checking.value) return
    errors.value = currentErrors()
    error.value = Object.values(errors.value).join(t('sep.list'))
  }, { deep: true })

  function next() {
    errors.value = currentErrors()
    checking.value = Object.keys(errors.value).length > 0
    // The field errors sit beside their fields; the summary names them all above the form.
    error.value = Object.values(errors.value).join(t('sep.list'))
    if (Object.keys(errors.value).length === 0) step.value = Math.min(4, step.value + 1)
  }

  async function submit() {
    checking.value = false
    busy.value = true
    errors.value = {}
    error.value = ''
    try {
      const created = await ok(http.POST('/api/campaigns', { body: toRequest(form, toMap.value) }))
      if (form.openNow) await http.POST('/api/campaigns/{id}/open', { params: { path: { id: Number(created.id) } } })
      ElMessage.success(t('campaign.created'))
      await router.push({ name: 'campaign', params: { id: String(created.id) } })
    } catch (e) {
      if (e instanceof ApiError) {
        errors.value = e.fieldErrors
        const steps = Object.keys(errors.value).map((k) => fieldStep[k]).filter((s) => s !== undefined)
        if (steps.length > 0) step.value = Math.min(...steps)
        // Field errors show beside their fields; the summary keeps them all in view on the last step as well.
        error.value = e.message
      } else error.value = String(e)
    } finally {
      busy.value = false
    }
  }

  return { step, busy, errors, error, schemes, reviewers, schemeView, form, scheme, classes, classCounts, chosenUnits, chosen, toMap, remember, load, pickScheme, next, submit }
}
