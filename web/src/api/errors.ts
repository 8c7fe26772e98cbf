// An API error and the sentence it shows. It lives beside the client (not in utils/) so the client
// imports nothing outside api/ and the two never import each other.
import { i18n } from '@/i18n'
import type { ProblemDetails } from './types'

/** An API error with the server's ProblemDetails, whose texts are already Chinese. */
export class ApiError extends Error {
  readonly status: number
  readonly problem: ProblemDetails | null
  readonly retryAfter: number | null

  constructor(status: number, problem: ProblemDetails | null, retryAfter: number | null) {
    super(problemMessage(status, problem))
    this.status = status
    this.problem = problem
    this.retryAfter = retryAfter
  }

  /** Messages per form field (the server names fields in camelCase, as the request does). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [key, messages] of Object.entries(this.problem?.errors ?? {})) {
      const field = key.length > 0 ? key[0].toLowerCase() + key.slice(1) : key
      if (messages.length > 0) out[field] = messages.join(i18n.global.t('sep.list'))
    }
    return out
  }
}

/** The sentence to show: the server's detail, else its title, else a fallback by status. */
export function problemMessage(status: number, problem: ProblemDetails | null): string {
  const t = i18n.global.t
  const errors = Object.values(problem?.errors ?? {}).flat()
  if (problem?.detail) return problem.detail
  if (errors.length > 0) return errors.join(t('sep.list'))
  if (problem?.title) return problem.title
  if (status === 0) return t('problem.offline')
  if (status === 401) return t('problem.unauthorized')
  if (status === 403) return t('problem.forbidden')
  if (status === 404) return t('problem.notFound')
  if (status === 429) return t('problem.tooManyRequests')
  return t('problem.serverError', { status })
}

/** Every message of a problem (an import lists one per bad cell), for a list rather than one run-on sentence. */
export function problemLines(e: unknown): string[] {
  if (e instanceof ApiError) {
    const lines = Object.values(e.problem?.errors ?? {}).flat()
    return lines.length > 0 ? lines : [e.message]
  }
  return [String(e)]
}
