import { computed, reactive, ref, type Ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { http, ok } from '@/api/client'
import type { CampaignResponse, SubmissionItemView, UnitSpotCheckStatusView } from '@/api/types'
import { factText, factValues, parseFactText, type FactType, type FactValue } from '@/utils/facts'
import { ApiError } from '@/api/errors'

/** One drawn unit on the spot-check list, with its check once opened. */
export interface SpotCheckRow {
  unitId: string
  unitName: string
  status: UnitSpotCheckStatusView | null
}

/** The scalar facts a checker can record in the dialog; ledgers and judgements stay with the review. */
export const recordable = (type: string) => !['Ledger', 'Judgement'].includes(type)

/**
 * The facts typed in the record dialog, as the server reads them: empty inputs are left out (not recorded),
 * the first input error is returned with its key so it shows beside the field.
 */
export function spotFacts(facts: Array<{ key: string; label: string; type: string }>, texts: Record<string, string>):
  { ok: true; value: Record<string, FactValue> } | { ok: false; key: string; error: string } {
  const value: Record<string, FactValue> = {}
  for (const f of facts.filter((x) => recordable(x.type))) {
    const parsed = parseFactText(f.type as FactType, texts[f.key] ?? '', f.label)
    if (!parsed.ok) return { ok: false, key: f.key, error: parsed.error }
    if (parsed.value !== null && parsed.value !== '') value[f.key] = parsed.value
  }
  return { ok: true, value }
}

/** The campaign's spot-check list: draw the units, then open, record item facts with grounds, and complete each check. */
export function useSpotChecks(campaignId: string, campaign: Ref<CampaignResponse | null>, reload: () => Promise<void>) {
  const { t } = useI18n()
  const rows = ref<SpotCheckRow[]>([])
  const loading = ref(false)
  const dialog = reactive({
    open: false, row: null as SpotCheckRow | null, items: [] as SubmissionItemView[], itemId: '', texts: {} as Record<string, string>, reason: '',
    errors: {} as Record<string, string>, error: '', busy: false,
  })
  const dialogItem = computed(() => dialog.items.find((i) => i.itemId === dialog.itemId) ?? null)
  const unitParams = (unitId: string) => ({ params: { path: { campaignId: Number(campaignId), unitId: Number(unitId) } } })

  async function load() {
    const c = campaign.value
    const drawn = (c?.spotCheck?.unitIds ?? []).map(String)
    loading.value = true
    try {
      rows.value = await Promise.all(drawn.map(async (unitId) => ({
        unitId,
        unitName: c?.units.find((u) => String(u.unitId) === unitId)?.name ?? unitId,
        status: await ok(http.GET('/api/campaigns/{campaignId}/units/{unitId}/spot-check', unitParams(unitId))).catch(() => null),
      })))
    } finally {
      loading.value = false
    }
  }

  async function confirmed(text: string): Promise<boolean> {
    try {
      await ElMessageBox.confirm(text, t('common.confirmTitle'), { type: 'warning' })
      return true
    } catch {
      return false
    }
  }

  async function draw() {
    if (!(await confirmed(t('spotCheck.drawConfirm')))) return
    try {
      await http.POST('/api/campaigns/{id}/spot-check', { params: { path: { id: Number(campaignId) } } })
      await reload()
      await load()
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }

  async function openCheck(row: SpotCheckRow) {
    try {
      await http.POST('/api/campaigns/{campaignId}/units/{unitId}/spot-check/open', unitParams(row.unitId))
      ElMessage.success(t('spotCheck.opened'))
      await load()
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }

  async function startRecord(row: SpotCheckRow) {
    try {
      const sub = await ok(http.GET('/api/campaigns/{campaignId}/units/{unitId}/submission', unitParams(row.unitId)))
      Object.assign(dialog, { open: true, row, items: sub.items.filter((i) => i.applicable), itemId: '', texts: {}, reason: '', errors: {}, error: '' })
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }

  /** Picking an item fills the inputs with what the check recorded before, else with the unit's answer. */
  function pickItem(itemId: string) {
    dialog.itemId = itemId
    dialog.errors = {}
    const item = dialog.items.find((i) => i.itemId === itemId)
    const recorded = dialog.row?.status?.spotCheck?.items.find((i) => i.itemId === itemId)?.facts as Record<string, unknown> | undefined
    dialog.texts = Object.fromEntries((item?.facts ?? []).filter((f) => recordable(f.type))
      .map((f) => [f.key, factText(f.type as FactType, recorded && f.key in recorded ? recorded[f.key] : f.value)]))
    dialog.reason = dialog.row?.status?.spotCheck?.items.find((i) => i.itemId === itemId)?.reason ?? ''
  }

  async function record() {
    const item = dialogItem.value
    if (!dialog.row || !item) return
    dialog.errors = {}
    dialog.error = ''
    const facts = spotFacts(item.facts, dialog.texts)
    if (!facts.ok) {
      dialog.errors[facts.key] = facts.error
      return
    }
    if (Object.keys(facts.value).length === 0) {
      dialog.error = t('spotCheck.noFacts')
      return
    }
    dialog.busy = true
    try {
      await http.PUT('/api/campaigns/{campaignId}/units/{unitId}/spot-check/items/{itemId}', {
        params: { path: { ...unitParams(dialog.row.unitId).params.path, itemId: item.itemId } },
        body: { facts: factValues(facts.value), reason: dialog.reason },
      })
      ElMessage.success(t('spotCheck.saved'))
      dialog.open = false
      await load()
    } catch (e) {
      if (e instanceof ApiError) {
        for (const [k, v] of Object.entries(e.fieldErrors)) dialog.errors[k.replace(/^facts\.?/, '') || 'facts'] = v
        if (Object.keys(e.fieldErrors).length === 0) dialog.error = e.message
      } else dialog.error = String(e)
    } finally {
      dialog.busy = false
    }
  }

  async function complete(row: SpotCheckRow) {
    let summary: string
    try {
      const r = await ElMessageBox.prompt(t('spotCheck.summary'), t('spotCheck.complete'), {
        inputType: 'textarea', inputValidator: (v) => (v && v.trim().length > 0) || t('common.required', { field: t('spotCheck.summary') }),
      })
      summary = (r as { value: string }).value
    } catch {
      return
    }
    try {
      await http.POST('/api/campaigns/{campaignId}/units/{unitId}/spot-check/complete', { ...unitParams(row.unitId), body: { summary } })
      ElMessage.success(t('spotCheck.completed'))
      await load()
    } catch (e) {
      ElMessage.error((e as Error).message)
    }
  }

  return { rows, loading, dialog, dialogItem, load, draw, openCheck, startRecord, pickItem, record, complete }
}
