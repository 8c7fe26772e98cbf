import { describe, expect, it } from 'vitest'
import { changedFields, splitAction } from './audit'

describe('changedFields', () => {
  it('lists only the fields an update changed, leaving out bookkeeping', () => {
    const before = '{"Id":3,"Name":"青石县","Code":"YC-QS","UpdatedAt":"2026-01-01"}'
    const after = '{"Id":3,"Name":"青石县（新）","Code":"YC-QS","UpdatedAt":"2026-02-01"}'
    expect(changedFields(before, after)).toEqual([{ field: 'Name', before: '青石县', after: '青石县（新）' }])
  })

  it('lists what a creation set and what a deletion removed', () => {
    expect(changedFields(null, '{"Name":"石门镇","Class":null}')).toEqual([{ field: 'Name', before: '', after: '石门镇' }])
    expect(changedFields('{"Name":"石门镇"}', null)).toEqual([{ field: 'Name', before: '石门镇', after: '' }])
  })

  it('treats a snapshot that is not a JSON object as empty', () => {
    expect(changedFields('not json', '[1,2]')).toEqual([])
  })
})

describe('splitAction', () => {
  it('splits at the last dot', () => {
    expect(splitAction('unit.created')).toEqual({ entity: 'unit', verb: 'created' })
    expect(splitAction('login')).toEqual({ entity: 'login', verb: '' })
  })
})
