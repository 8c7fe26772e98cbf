import { describe, expect, it } from 'vitest'
import { parsePoints } from './points'

describe('parsePoints', () => {
  it('reads points within the rule, full-width digits included', () => {
    expect(parsePoints('7.5', 10)).toEqual({ ok: true, value: 7.5 })
    expect(parsePoints('１０', 10)).toEqual({ ok: true, value: 10 })
    expect(parsePoints('６．２５', 10)).toEqual({ ok: true, value: 6.25 })
    expect(parsePoints(' 0 ', 10)).toEqual({ ok: true, value: 0 })
  })

  it('refuses points outside 0 to the max', () => {
    expect(parsePoints('10.5', 10)).toEqual({ ok: false, error: 'range' })
    expect(parsePoints('-1', 10)).toEqual({ ok: false, error: 'range' })
  })

  it('refuses empty text, words and a third decimal place', () => {
    expect(parsePoints('', 10)).toEqual({ ok: false, error: 'required' })
    expect(parsePoints('七分', 10)).toEqual({ ok: false, error: 'number' })
    expect(parsePoints('3.333', 10)).toEqual({ ok: false, error: 'decimals' })
  })
})
