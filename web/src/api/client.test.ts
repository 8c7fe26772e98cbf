import { describe, expect, it } from 'vitest'
import { fileNameFrom } from './client'
import { ApiError, problemMessage } from './errors'

describe('fileNameFrom', () => {
  it('prefers the UTF-8 name so Chinese file names survive', () => {
    expect(fileNameFrom(`attachment; filename=units.xlsx; filename*=UTF-8''%E5%8D%95%E4%BD%8D.xlsx`)).toBe('单位.xlsx')
  })
  it('falls back to the plain name, and to null without a header', () => {
    expect(fileNameFrom('attachment; filename="units.xlsx"')).toBe('units.xlsx')
    expect(fileNameFrom(null)).toBeNull()
  })
})

describe('ApiError', () => {
  it('shows the server detail and maps field errors to camelCase', () => {
    const e = new ApiError(400, { title: '请求无效', errors: { Name: ['名称不能为空。'] } }, null)
    expect(e.message).toBe('名称不能为空。')
    expect(e.fieldErrors).toEqual({ name: '名称不能为空。' })
  })
  it('says too many requests in Chinese when the server gives no body', () => {
    expect(problemMessage(429, null)).toBe('请求过于频繁，请稍后再试。')
    expect(problemMessage(401, { title: '登录失败', detail: '用户名或密码错误。' })).toBe('用户名或密码错误。')
  })
})

describe('api on an expired session', () => {
  it('waits for the re-login, then retries the same request with a fresh antiforgery token', async () => {
    const { http, ok, onSessionExpired, resetAntiforgery } = await import('./client')
    resetAntiforgery()
    const calls: Array<{ url: string; method: string; token: string | undefined; body: unknown }> = []
    let signedIn = false
    let tokenCount = 0
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input)
      calls.push({ url, method: init?.method ?? 'GET', token: new Headers(init?.headers).get('X-XSRF-TOKEN') ?? undefined, body: init?.body })
      if (url === '/api/auth/antiforgery')
        return new Response(JSON.stringify({ token: `t${++tokenCount}`, headerName: 'X-XSRF-TOKEN' }), { status: 200 })
      if (!signedIn) return new Response(JSON.stringify({ title: '未登录' }), { status: 401 })
      return new Response(JSON.stringify({ id: 7, name: '新单位' }), { status: 201 })
    }) as typeof fetch
    let relogins = 0
    onSessionExpired(async () => {
      relogins++
      signedIn = true
    })

    const created = await ok(http.POST('/api/units', { body: { parentId: null, name: 'unit', code: null, level: null, class: null } }))

    expect(created.id).toBe(7)
    expect(relogins).toBe(1)
    const posts = calls.filter((c) => c.url === '/api/units')
    expect(posts).toHaveLength(2)
    expect(posts[0].body).toBe(posts[1].body)
    expect(posts.map((p) => p.token)).toEqual(['t1', 't2'])
    onSessionExpired(null)
  })

  it('also signs in again when the antiforgery token cannot be had because the session ended', async () => {
    const { http, onSessionExpired, resetAntiforgery } = await import('./client')
    resetAntiforgery()
    let signedIn = false
    const posts: string[] = []
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!signedIn) return new Response('{}', { status: 401 })
      if (String(input) === '/api/auth/antiforgery') return new Response(JSON.stringify({ token: 'fresh', headerName: 'X-XSRF-TOKEN' }))
      posts.push(new Headers(init?.headers).get('X-XSRF-TOKEN') ?? '')
      return new Response(null, { status: 204 })
    }) as typeof fetch
    onSessionExpired(async () => {
      signedIn = true
    })
    await http.POST('/api/users/{id}/disable', { params: { path: { id: '1' } } })
    expect(posts).toEqual(['fresh'])
    onSessionExpired(null)
  })

  it('gives up after one retry, so a user without access is not asked to sign in forever', async () => {
    const { http, onSessionExpired, resetAntiforgery } = await import('./client')
    resetAntiforgery()
    globalThis.fetch = (async () => new Response('{}', { status: 401 })) as typeof fetch
    let relogins = 0
    onSessionExpired(async () => {
      relogins++
    })
    await expect(http.GET('/api/units')).rejects.toMatchObject({ status: 401 })
    expect(relogins).toBe(1)
    onSessionExpired(null)
  })
})
