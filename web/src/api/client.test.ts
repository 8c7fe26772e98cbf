import { describe, expect, it } from 'vitest'
import { buildUrl, fileNameFrom } from './client'
import { ApiError, problemMessage } from '@/utils/problem'

describe('fileNameFrom', () => {
  it('prefers the UTF-8 name so Chinese file names survive', () => {
    expect(fileNameFrom(`attachment; filename=units.xlsx; filename*=UTF-8''%E5%8D%95%E4%BD%8D.xlsx`)).toBe('单位.xlsx')
  })
  it('falls back to the plain name, and to null without a header', () => {
    expect(fileNameFrom('attachment; filename="units.xlsx"')).toBe('units.xlsx')
    expect(fileNameFrom(null)).toBeNull()
  })
})

describe('buildUrl', () => {
  it('leaves out undefined parameters', () => {
    expect(buildUrl('/api/audit', { skip: 0, take: 20, entityType: undefined })).toBe('/api/audit?skip=0&take=20')
    expect(buildUrl('/api/units')).toBe('/api/units')
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
