import type { ProblemDetails } from '@/api/types'

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
      if (messages.length > 0) out[field] = messages.join('；')
    }
    return out
  }
}

/** The sentence to show: the server's detail, else its title, else a fallback by status. */
export function problemMessage(status: number, problem: ProblemDetails | null): string {
  const errors = Object.values(problem?.errors ?? {}).flat()
  if (problem?.detail) return problem.detail
  if (errors.length > 0) return errors.join('；')
  if (problem?.title) return problem.title
  if (status === 0) return '无法连接服务器，请检查网络。'
  if (status === 401) return '登录已失效，请重新登录。'
  if (status === 403) return '没有权限执行此操作。'
  if (status === 404) return '记录不存在或不在权限范围内。'
  if (status === 429) return '请求过于频繁，请稍后再试。'
  return `服务器错误（${status}）。`
}
