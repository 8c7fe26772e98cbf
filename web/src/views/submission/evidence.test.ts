import { describe, expect, it } from 'vitest'
import { isWebUrl } from './evidence'

describe('isWebUrl', () => {
  it('accepts full http and https addresses', () => {
    expect(isWebUrl('https://www.gov.cn/zhengce/1.html')).toBe(true)
    expect(isWebUrl(' http://example.org ')).toBe(true)
  })

  it('refuses scripts, data, files, relative paths and empty text', () => {
    for (const bad of ['javascript:alert(1)', 'JavaScript:window.__xss=1', 'data:text/html,<script>1</script>', 'file:///etc/passwd', '/api/x', 'www.gov.cn', '', null, undefined])
      expect(isWebUrl(bad)).toBe(false)
  })
})
