// The one way the app talks to the API: openapi-fetch typed by the generated `paths`, so every request is
// checked by path, method, parameters and body against web/openapi.json. Under it one transport adds the
// antiforgery header, sends the session cookie, turns a refusal into an ApiError (the server's Chinese
// ProblemDetails) and, when a signed-in request answers 401, waits for the re-login and sends it again.
import createClient from 'openapi-fetch'
import type { paths } from './generated/schema'
import { ApiError } from './errors'
import type { AntiforgeryResponse, ProblemDetails } from './types'

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

/**
 * What openapi-fetch builds for the transport instead of a fetch Request: the URL stays relative (the app
 * and the API share an origin) and the body, already serialized, can be sent again after a re-login.
 */
class Outgoing {
  readonly url: string
  readonly init: RequestInit
  constructor(url: string, init: RequestInit = {}) {
    this.url = url
    this.init = init
  }
  get method(): string {
    return this.init.method ?? 'GET'
  }
}

/** Puts one prepared request on the wire: fetch, or XMLHttpRequest where the page wants upload progress. */
type Deliver = (url: string, init: RequestInit) => Promise<Response>

const viaFetch: Deliver = (url, init) => fetch(url, init)

async function transport(request: Outgoing, deliver: Deliver, mayRelogin: boolean): Promise<Response> {
  const headers = new Headers(request.init.headers)
  headers.set('Accept', 'application/json, application/problem+json')
  const again = async () => {
    await reloginHandler!()
    resetAntiforgery()
    return transport(request, deliver, false)
  }
  if (request.method !== 'GET' && request.url !== '/api/auth/login') {
    try {
      headers.set('X-XSRF-TOKEN', await antiforgeryToken())
    } catch (e) {
      // A form's first save after the session expired fails here, before the request itself.
      if (e instanceof ApiError && e.status === 401 && mayRelogin && reloginHandler) return again()
      throw e
    }
  }
  let r: Response
  try {
    r = await deliver(request.url, { method: request.method, headers, body: request.init.body, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, null, null)
  }
  if (r.status === 401 && mayRelogin && reloginHandler) return again()
  if (!r.ok) throw await toError(r)
  return r
}

// openapi-fetch types `Request` as the fetch class; Outgoing stands in for it on purpose (see above).
const OutgoingRequest = Outgoing as unknown as typeof Request
const outgoing = (r: Request) => r as unknown as Outgoing

/** The typed client. A refused request throws ApiError, so `data` is there whenever the call returns. */
export const http = createClient<paths>({ Request: OutgoingRequest, fetch: (r) => transport(outgoing(r), viaFetch, true) })

/** For signing in, out and the public view: a 401 there is the answer, not an expired session. */
export const httpWithoutRelogin = createClient<paths>({ Request: OutgoingRequest, fetch: (r) => transport(outgoing(r), viaFetch, false) })

/** The data of a typed call that succeeded (a refusal has already thrown). */
export async function ok<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  return (await call).data as T
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A workbook upload's body options. The OpenAPI document declares binary bodies as `string`; the Blob is
 * sent as it is, under the workbook's media type.
 */
export function workbookBody(file: Blob) {
  return { body: file as unknown as string, bodySerializer: (b: unknown) => b as Blob, headers: { 'Content-Type': xlsxType } }
}

/** An evidence or scan upload's body options: the raw bytes, with upload progress (fetch reports none). */
export function uploadBody(file: Blob, onProgress: (percent: number) => void) {
  return {
    body: file as unknown as string,
    bodySerializer: (b: unknown) => b as Blob,
    headers: { 'Content-Type': 'application/octet-stream' },
    fetch: (r: Request) => transport(outgoing(r), viaXhr(onProgress), true),
  }
}

function viaXhr(onProgress: (percent: number) => void): Deliver {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open(init.method ?? 'POST', url)
      xhr.withCredentials = true
      new Headers(init.headers).forEach((value, name) => xhr.setRequestHeader(name, value))
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
      }
      xhr.onerror = () => reject(new TypeError('network'))
      xhr.onload = () =>
        resolve(new Response(xhr.status === 204 ? null : xhr.responseText, {
          status: xhr.status,
          headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? 'application/json' },
        }))
      xhr.send(init.body as XMLHttpRequestBodyInit | null)
    })
}

/** Saves a file the API returns (an Excel export) under the name the server gives it. */
export async function download(call: Promise<{ data?: Blob; response: Response }>, fallbackName: string): Promise<Blob> {
  const { data, response } = await call
  const blob = data as Blob
  saveFile(blob, fileNameFrom(response.headers.get('Content-Disposition')) ?? fallbackName)
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
