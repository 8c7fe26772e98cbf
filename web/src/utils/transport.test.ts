import { describe, expect, it } from 'vitest'
import { isPlainHttpFromAfar } from './transport'
import { ApiError } from '@/api/errors'

describe('isPlainHttpFromAfar', () => {
  it('warns on http to an intranet name or address', () => {
    expect(isPlainHttpFromAfar({ protocol: 'http:', hostname: 'office-pc' })).toBe(true)
    expect(isPlainHttpFromAfar({ protocol: 'http:', hostname: '192.168.1.20' })).toBe(true)
  })
  it('stays quiet on https and on this machine', () => {
    expect(isPlainHttpFromAfar({ protocol: 'https:', hostname: 'office-pc' })).toBe(false)
    expect(isPlainHttpFromAfar({ protocol: 'http:', hostname: 'localhost' })).toBe(false)
    expect(isPlainHttpFromAfar({ protocol: 'http:', hostname: '127.0.0.1' })).toBe(false)
  })
})

describe('sign-in refused over http', () => {
  it('shows the server sentence that says what is wrong, not a silent return to the form', () => {
    const detail = '当前通过未加密的 http 地址访问，浏览器不会保存登录状态。'
    expect(new ApiError(400, { title: '需要安全连接', detail }, null).message).toBe(detail)
  })
})
