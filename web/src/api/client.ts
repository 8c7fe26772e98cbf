import { ApiError } from '@/utils/problem'
import type { AntiforgeryResponse, ProblemDetails } from './types'

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface RequestOptions {
  body?: unknown
  /** Raw bytes (an XLSX upload) instead of JSON. */
  file?: Blob
  query?: Record<string, string | number | boolean | undefined>
  /** Sign-in itself must not trigger the re-login flow. */
  noRelogin?: boolean
}

/**
 * Called when a signed-in request answers 401: it shows the sign-in dialog and resolves when the
 * user has signed in again, so the request is retried and an open form keeps what was typed.
 */
let reloginHandler: (() => Promise<void>) | null = null
export function onSessionExpired(handler: (() => Promise<void>) | null): void {
  reloginHandler = handler
}

let antiforgery: Promise<string> | null = null

/** The token is bound to the session, so it is fetched again after every sign-in or sign-out. */
export function resetAntiforgery(): void {
  antiforgery = null
}

async function antiforgeryToken(): Promise<string> {
  antiforgery ??= fetch('/api/auth/antiforgery', { credentials: 'same-origin' }).then(async (r) => {
    if (!r.ok) throw await toError(r)
    return ((await r.json()) as AntiforgeryResponse).token
  })
  try {
    return await antiforgery
  } catch (e) {
    antiforgery = null
    throw e
  }
}

async function toError(r: Response): Promise<ApiError> {
  let problem: ProblemDetails | null = null
  try {
    problem = (await r.json()) as ProblemDetails
  } catch {
    problem = null
  }
  const retry = r.headers.get('Retry-After')
  return new ApiError(r.status, problem, retry ? Number(retry) : null)
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v))
  const q = params.toString()
  return q ? `${path}?${q}` : path
}

async function relogin(method: Method, path: string, options: RequestOptions): Promise<Response> {
  await reloginHandler!()
  resetAntiforgery()
  return send(method, path, { ...options, noRelogin: true })
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' }
  let body: BodyInit | undefined
  if (options.file) {
    headers['Content-Type'] = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    body = options.file
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (method !== 'GET' && path !== '/api/auth/login') {
    try {
      headers['X-XSRF-TOKEN'] = await antiforgeryToken()
    } catch (e) {
      // A form's first save after the session expired fails here, before the request itself.
      if (e instanceof ApiError && e.status === 401 && !options.noRelogin && reloginHandler) return relogin(method, path, options)
      throw e
    }
  }
  let r: Response
  try {
    r = await fetch(buildUrl(path, options.query), { method, headers, body, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, null, null)
  }
  if (r.status === 401 && !options.noRelogin && reloginHandler) return relogin(method, path, options)
  if (!r.ok) throw await toError(r)
  return r
}

export async function api<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const r = await send(method, path, options)
  if (r.status === 204) return undefined as T
  return (await r.json()) as T
}

/** Downloads a file the API returns (Excel export) under the name the server gives it. */
export async function download(path: string, fallbackName: string): Promise<Blob> {
  const r = await send('GET', path, {})
  const blob = await r.blob()
  saveFile(blob, fileNameFrom(r.headers.get('Content-Disposition')) ?? fallbackName)
  return blob
}

/** Hands a blob to the browser as a file download under the given name. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** The file name in a Content-Disposition header, preferring RFC 5987's UTF-8 form for Chinese names. */
export function fileNameFrom(header: string | null): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (star) return decodeURIComponent(star[1].trim())
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header)
  return plain ? plain[1].trim() : null
}

/**
 * Uploads one evidence file as the request body with upload progress (fetch reports none), under the same
 * antiforgery and re-login rules as every other request.
 */
export async function uploadWithProgress<T>(path: string, file: Blob, onProgress: (percent: number) => void): Promise<T> {
  const attempt = async (): Promise<T> => {
    const token = await antiforgeryToken()
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', path)
      xhr.withCredentials = true
      xhr.setRequestHeader('Content-Type', 'application/octet-stream')
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
      xhr.setRequestHeader('X-XSRF-TOKEN', token)
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
      }
      xhr.onerror = () => reject(new ApiError(0, null, null))
      xhr.onload = () => {
        let body: unknown = null
        try {
          body = xhr.responseText ? JSON.parse(xhr.responseText) : null
        } catch {
          body = null
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body as T)
        else reject(new ApiError(xhr.status, body as ProblemDetails | null, null))
      }
      xhr.send(file)
    })
  }
  try {
    return await attempt()
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && reloginHandler) {
      await reloginHandler()
      resetAntiforgery()
      return attempt()
    }
    throw e
  }
}

/** Fetches a file the API serves as an attachment into a blob, for a preview beside the facts. */
export async function fetchBlob(path: string): Promise<Blob> {
  const r = await send('GET', path, {})
  return r.blob()
}
