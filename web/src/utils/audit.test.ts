import { describe, expect, it } from 'vitest'
import auditZh from '@/locales/audit.zh-CN'
import { actionWords, beijingTime, changeLines, changedFields, entityWords, splitAction, valueWords } from './audit'

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


// Every object type the server's audit hook writes (IAudited.AuditEntityType) and the checkpoint's.
const serverEntityTypes = [
  'api-token', 'appeal', 'campaign', 'commitment-letter', 'credit-office', 'evidence', 'item-review', 'liaison-contact',
  'provider-submission', 'report', 'scheme-version', 'spot-check', 'spot-check-item', 'submission', 'submission-fact',
  'submission-item', 'unit', 'user', 'audit',
]
const latin = /[A-Za-z]/

describe('audit words', () => {
  it('names every object type and every action the server writes in Chinese', () => {
    for (const type of serverEntityTypes) {
      expect(entityWords(type, auditZh)).not.toMatch(latin)
      for (const verb of ['created', 'updated', 'deleted']) expect(actionWords(`${type}.${verb}`, auditZh)).not.toMatch(latin)
    }
    expect(actionWords('unit.created', auditZh)).toBe('新增单位')
    expect(actionWords('campaign.published', auditZh)).toBe('发布评价结果')
    expect(actionWords('campaign.publication-rejected', auditZh)).toBe('驳回发布申请')
    expect(actionWords('audit.checkpoint', auditZh)).toBe('签发审计链检查点')
  })

  it('names an action or object type it does not know in neutral words, never as code', () => {
    expect(actionWords('gizmo.frobbed', auditZh)).toBe('操作其他对象')
    expect(entityWords('gizmo', auditZh)).toBe('其他对象')
  })

  it('shows times in Beijing time whatever the browser zone', () => {
    expect(beijingTime('2026-11-22T03:05:09Z')).toBe('2026-11-22 11:05:09')
    expect(beijingTime('2026-12-31T16:00:00.0000000Z')).toBe('2027-01-01 00:00:00')
  })

  it('labels changed fields and their coded values, leaving ids and hashes to the details', () => {
    const before = '{"Id":"7f0c","TenantId":1,"DisplayName":"王芳","Role":"office-admin","ScopeKind":"Subtree","UnitId":3,"IsActive":true,"SecurityStamp":"AB12"}'
    const after = '{"Id":"7f0c","TenantId":1,"DisplayName":"王芳","Role":"leader","ScopeKind":"OwnUnit","UnitId":4,"IsActive":false,"SecurityStamp":"CD34"}'
    expect(changeLines(before, after, auditZh)).toEqual([
      { label: '角色', before: '信用办管理员', after: '领导' },
      { label: '权限范围', before: '本单位及下级', after: '本单位' },
      { label: '启用', before: '是', after: '否' },
    ])
  })

  it('says what a campaign members event set without its hashes or keys', () => {
    const after = '{"schemeVersionId":2,"schemeSha256":"9f86d081","units":[{"unitId":5,"schemeClass":"town"},{"unitId":6,"schemeClass":"street"}],"reviewers":["a1b2"]}'
    const lines = changeLines(null, after, auditZh)
    expect(lines).toEqual([
      { label: '参评单位', before: '', after: '2 项' },
      { label: '评审人员', before: '', after: '1 项' },
    ])
    expect(JSON.stringify(lines)).not.toMatch(/9f86d081|schemeVersionId|town/)
  })

  it('leaves who asked for and approved a publication to the actor and the details, not their keys', () => {
    const after = '{"version":1,"sha256":"ab","publicSha256":"cd","requestedBy":"43891ac4-1486-49cf-8c39-429e82cf1fe6","approvedBy":"74ce4021-c270-4680-913a-dc97b518c203"}'
    expect(changeLines(null, after, auditZh)).toEqual([])
  })

  it('puts stored values in words: states, deadlines, durations, sizes, fact values and judgements', () => {
    expect(valueWords('State', 'PendingPublication', auditZh)).toBe('待批准发布')
    expect(valueWords('State', 'Frozen', auditZh)).toBe('（见技术详情）')
    expect(valueWords('Due', '2026-03-31T15:59:59.0000000Z', auditZh)).toBe('2026-03-31 23:59:59')
    expect(valueWords('LateBySeconds', 5400, auditZh)).toBe('1.5 小时')
    expect(valueWords('AppealWindowSeconds', 7 * 86400, auditZh)).toBe('7 天')
    expect(valueWords('PeriodKey', '2025Q4', auditZh)).toBe('2025年第四季度')
    expect(valueWords('PeriodKey', '2026-03', auditZh)).toBe('2026年3月')
    expect(valueWords('PeriodKey', '2022', auditZh)).toBe('2022年度')
    expect(valueWords('Size', 2 * 1024 * 1024, auditZh)).toBe('2.0 MB')
    expect(valueWords('ValueJson', 'true', auditZh)).toBe('是')
    expect(valueWords('ValueJson', '[{"a":1},{"a":2}]', auditZh)).toBe('2 条记录')
    expect(valueWords('ValueJson', '{"points":8,"reason":"市级媒体报道"}', auditZh)).toBe('8 分（理由：市级媒体报道）')
    expect(valueWords('PasswordHash', '(已更改)', auditZh)).toBe('已更改')
    expect(valueWords('ReviewerId', '43891ac4-1486-49cf-8c39-429e82cf1fe6', auditZh)).toBe('（见技术详情）')
  })
})
