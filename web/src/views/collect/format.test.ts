import { describe, expect, it } from 'vitest'
import { formatSize, formatTime } from './format'

describe('collection formats', () => {
  it('shows times without the offset and sizes in units', () => {
    expect(formatTime('2026-03-31T23:59:59.123+08:00')).toBe('2026-03-31 23:59:59')
    expect(formatTime(null)).toBe('')
    expect(formatSize(512)).toBe('512 B')
    expect(formatSize(2048)).toBe('2.0 KB')
  })
})
