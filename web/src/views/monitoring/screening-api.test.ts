import { describe, expect, it } from 'vitest'
import { rowErrors } from './screening-api'

describe('rowErrors', () => {
  it('rowErrors_RefusedFileFields_BecomeOneTableRowPerMessage', () => {
    expect(rowErrors({ row3: ['第 3 行「名称」：不能为空。'], row5: ['甲。', '乙。'], file: ['共 3 行有误。'] })).toEqual([
      { row: '3', reason: '第 3 行「名称」：不能为空。' },
      { row: '5', reason: '甲。' },
      { row: '5', reason: '乙。' },
      { row: '', reason: '共 3 行有误。' },
    ])
  })

  it('rowErrors_NoErrors_IsEmpty', () => {
    expect(rowErrors(undefined)).toEqual([])
  })
})
