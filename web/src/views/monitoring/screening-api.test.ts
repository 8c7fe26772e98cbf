import { describe, expect, it } from 'vitest'
import { rowErrors, tableBody } from './screening-api'

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

describe('tableBody', () => {
  const type = (file: File) => tableBody(file, () => undefined).headers['Content-Type']

  it('tableBody_WorkbookFile_GoesUpAsAWorkbook', () => {
    expect(type(new File(['PK'], '失信被执行人名单.XLSX'))).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  })

  it('tableBody_CsvFile_GoesUpAsCsvByNameOrType', () => {
    expect(type(new File(['名称'], '名单.csv'))).toBe('text/csv')
    expect(type(new File(['名称'], '名单', { type: 'text/csv' }))).toBe('text/csv')
  })
})
