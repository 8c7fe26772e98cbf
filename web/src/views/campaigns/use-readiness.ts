import { reactive } from 'vue'
import { http, ok } from '@/api/client'
import { ApiError } from '@/api/errors'
import type { ReadinessOverrideRequest, ReadinessView } from '@/api/types'

/** The three steps that decide what the public sees; each is refused while something is open, unless passed with a reason. */
export type ReadinessStep = 'close-collection' | 'request-publication' | 'approve-publication'

/** What the step would do if taken now: go on plainly, go on only with a reason, or not at all. */
export function readinessChoice(view: ReadinessView | null): 'wait' | 'go' | 'override' | 'blocked' {
  if (!view) return 'wait'
  if (view.ready) return 'go'
  return view.canOverride ? 'override' : 'blocked'
}

/** The names of one open kind as one line, the first few only. */
export function namesLine(names: string[], sep: string, more: (count: number) => string, limit = 8): string {
  const shown = names.slice(0, limit).join(sep)
  return names.length > limit ? `${shown} ${more(names.length - limit)}` : shown
}

/**
 * The readiness dialog's state: loads what is open before a step, then takes the step, with the reason when something is
 * open and may be passed. A refusal that names a field (the reason) is shown next to it; any other stays in the dialog.
 */
export function useReadiness(campaignId: () => number | string) {
  const state = reactive({
    open: false, step: 'close-collection' as ReadinessStep, view: null as ReadinessView | null, reason: '', reasonError: '', error: '', busy: false,
  })

  async function show(step: ReadinessStep) {
    Object.assign(state, { open: true, step, view: null, reason: '', reasonError: '', error: '', busy: false })
    try {
      state.view = await ok(http.GET('/api/campaigns/{id}/readiness', { params: { path: { id: Number(campaignId()) } } }))
    } catch (e) {
      state.error = (e as Error).message
    }
  }

  /** Takes the step; resolves to what the server answered, or null when it refused (the reason then shows why). */
  async function go(reasonRequired: string): Promise<unknown> {
    const choice = readinessChoice(state.view)
    state.reasonError = ''
    state.error = ''
    if (choice === 'override' && state.reason.trim() === '') {
      state.reasonError = reasonRequired
      return null
    }
    const body: ReadinessOverrideRequest | undefined = choice === 'override' ? { override: true, reason: state.reason.trim() } : undefined
    const params = { params: { path: { id: Number(campaignId()) } }, body }
    state.busy = true
    try {
      const answer = state.step === 'close-collection' ? await ok(http.POST('/api/campaigns/{id}/start-review', params))
        : state.step === 'request-publication' ? await ok(http.POST('/api/campaigns/{id}/publication/request', params))
          : await ok(http.POST('/api/campaigns/{id}/publication/approve', params))
      state.open = false
      return answer
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.reason) state.reasonError = e.fieldErrors.reason
      else state.error = (e as Error).message
      // Something may have changed since the dialog opened (a unit submitted): show what is open now.
      if (e instanceof ApiError && e.status === 409) await show(state.step).then(() => { state.error = (e as Error).message })
      return null
    } finally {
      state.busy = false
    }
  }

  return { state, show, go }
}
