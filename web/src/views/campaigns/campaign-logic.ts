// The campaign wizard's and the edit dialog's rules without the page: the period a scheme's kind asks for, the
// checks each step makes before the user leaves it, and the edit request that sends only what changed.
import type { CampaignResponse, CampaignState, EditCampaignRequest, PeriodKind } from '@/api/types'
import { beijingInput } from '@/utils/time'
import { quarterWords } from '@/locales/vocabulary'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** The period as picked: a year, a quarter of a year, a month, or a range of days. */
export interface PeriodPick {
  year: string
  quarter: number | null
  month: string
  range: [string, string] | null
}

export const emptyPeriod = (): PeriodPick => ({ year: '', quarter: null, month: '', range: null })

/** The server's period key for what was picked ('2026', '2026Q2', '2026-03', '2025-07-01..2026-06-30'); empty while incomplete. */
export function periodKeyOf(kind: PeriodKind | undefined, p: PeriodPick): string {
  switch (kind) {
    case 'Year': return p.year
    case 'Quarter': return p.year && p.quarter ? `${p.year}Q${p.quarter}` : ''
    case 'Month': return p.month
    case 'Range': return p.range && p.range[0] && p.range[1] ? `${p.range[0]}..${p.range[1]}` : ''
    default: return ''
  }
}


/** How the picked period reads on the confirm page, as the server labels it (year, then the quarter in words). */
export function periodLabelOf(kind: PeriodKind | undefined, p: PeriodPick, t: Translate): string {
  const key = periodKeyOf(kind, p)
  if (!key) return ''
  switch (kind) {
    case 'Year': return t('wizard.period.yearLabel', { year: p.year })
    case 'Quarter': return t('wizard.period.quarterLabel', { year: p.year, quarter: quarterWords[(p.quarter ?? 1) - 1] })
    case 'Month': return t('wizard.period.monthLabel', { year: p.month.slice(0, 4), month: Number(p.month.slice(5, 7)) })
    default: return t('wizard.period.rangeLabel', { from: p.range![0], to: p.range![1] })
  }
}

/** The quarter options, first to fourth, in the locale's words. */
export const quarterOptions = (t: Translate) => [1, 2, 3, 4].map((q) => ({ value: q, label: t('wizard.period.quarter', { quarter: quarterWords[q - 1] }) }))

/** Deadlines as the pickers hold them: Beijing wall-clock text 'YYYY-MM-DDTHH:mm', or empty. */
export interface Deadlines {
  liaisonDue: string
  evidenceDue: string
  selfDue: string
  reviewDue: string
}

/** The form field each deadline answers to in a server error, so an error lands beside its picker. */
export const deadlineFields: Record<keyof Deadlines, string> = {
  liaisonDue: 'schedule.liaisonDue', evidenceDue: 'schedule.evidenceDue', selfDue: 'schedule.selfAssessmentDue', reviewDue: 'schedule.reviewDue',
}

/**
 * The deadlines' order, as the server keeps it: the liaison table by the evidence deadline, self-assessment and review
 * after it. Wall-clock texts of one zone compare as strings. `now` (same form) refuses a moved deadline in the past.
 */
export function deadlineErrors(d: Deadlines, t: Translate, moved?: { before: Deadlines; now: string }): Record<string, string> {
  const errors: Record<string, string> = {}
  const label = (k: keyof Deadlines) => t(`campaign.${k}`)
  if (!d.evidenceDue) errors[deadlineFields.evidenceDue] = t('common.required', { field: label('evidenceDue') })
  if (d.liaisonDue && d.evidenceDue && d.liaisonDue > d.evidenceDue)
    errors[deadlineFields.liaisonDue] = t('wizard.notAfter', { field: label('liaisonDue'), other: label('evidenceDue') })
  if (d.selfDue && d.evidenceDue && d.selfDue < d.evidenceDue)
    errors[deadlineFields.selfDue] = t('wizard.notBefore', { field: label('selfDue'), other: label('evidenceDue') })
  const before = d.selfDue || d.evidenceDue
  if (d.reviewDue && before && d.reviewDue < before)
    errors[deadlineFields.reviewDue] = t('wizard.notBefore', { field: label('reviewDue'), other: label(d.selfDue ? 'selfDue' : 'evidenceDue') })
  if (moved) {
    for (const k of Object.keys(deadlineFields) as Array<keyof Deadlines>) {
      if (d[k] && d[k] !== moved.before[k] && d[k] < moved.now && !errors[deadlineFields[k]])
        errors[deadlineFields[k]] = t('wizard.notPast', { field: label(k) })
    }
  }
  return errors
}

/** What the wizard checks when the user leaves a step (the server checks the same again). */
export interface StepInput extends Deadlines {
  name: string
  schemeId: string
  periodKey: string
  unitCount: number
  unmapped: string[]
}

export function stepErrors(step: number, f: StepInput, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {}
  if (step === 0) {
    if (!f.name.trim()) errors.name = t('common.required', { field: t('campaign.name') })
    if (!f.schemeId) errors.schemeId = t('wizard.choose', { field: t('campaign.scheme') })
    if (f.schemeId && !f.periodKey) errors.periodKey = t('wizard.choose', { field: t('campaign.period') })
  }
  if (step === 1) {
    if (f.unitCount === 0) errors.unitIds = t('campaign.noUnits')
    if (f.unmapped.length > 0) errors.classMap = t('wizard.mapClasses', { classes: f.unmapped.join(t('sep.names')) })
  }
  if (step === 2) Object.assign(errors, deadlineErrors(f, t))
  return errors
}

/** Units may join or leave, and deadlines move, only until collection ends; the name and the reviewers until publication. */
export const membersEditable = (s: CampaignState) => s === 'Draft' || s === 'Open'
export const campaignEditable = (s: CampaignState) => s !== 'Published' && s !== 'Voided'
export const campaignVoidable = (s: CampaignState) => s !== 'Published' && s !== 'Voided'

/** The edit dialog's form, started from the campaign as it stands. */
export interface EditForm extends Deadlines {
  name: string
  unitIds: string[]
  reviewerIds: string[]
  appealDays: number
  reason: string
}

export function editFormOf(c: CampaignResponse): EditForm {
  return {
    name: c.name,
    unitIds: c.units.map((u) => String(u.unitId)),
    reviewerIds: c.reviewers.map((r) => r.userId),
    liaisonDue: beijingInput(c.schedule.liaisonDue),
    evidenceDue: beijingInput(c.schedule.evidenceDue),
    selfDue: beijingInput(c.schedule.selfAssessmentDue),
    reviewDue: beijingInput(c.schedule.reviewDue),
    appealDays: Number(c.schedule.appealWindowDays),
    reason: '',
  }
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length

/** The edit request with only the parts that changed (a part left null stays as it is on the server); null when nothing changed. */
export function editRequestOf(c: CampaignResponse, f: EditForm): EditCampaignRequest | null {
  const was = editFormOf(c)
  const name = f.name.trim() !== c.name ? f.name.trim() : null
  const unitIds = sameSet(f.unitIds, was.unitIds) ? null : f.unitIds.map(Number)
  const reviewerIds = sameSet(f.reviewerIds, was.reviewerIds) ? null : f.reviewerIds
  const keys: Array<keyof Deadlines> = ['liaisonDue', 'evidenceDue', 'selfDue', 'reviewDue']
  const scheduleChanged = keys.some((k) => f[k] !== was[k]) || f.appealDays !== was.appealDays
  const blank = (s: string) => (s === '' ? null : s)
  const schedule = scheduleChanged
    ? { liaisonDue: blank(f.liaisonDue), evidenceDue: blank(f.evidenceDue), selfAssessmentDue: blank(f.selfDue), reviewDue: blank(f.reviewDue), appealWindowDays: f.appealDays }
    : null
  if (name === null && unitIds === null && reviewerIds === null && schedule === null) return null
  return { revision: c.revision, name, schedule, unitIds, classMap: null, reviewerIds, reason: f.reason.trim() || null }
}
