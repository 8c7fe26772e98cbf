import type zh from './audit.zh-CN'

const en: typeof zh = {
  at: 'Time (Beijing)', actor: 'Actor', action: 'Action', entityType: 'Object type', entityId: 'Object id', sequence: 'Seq.',
  before: 'Before', after: 'After', hash: 'Hash', verify: 'Verify chain', intact: 'The chain is intact: {count} events',
  detail: 'Technical details', raw: 'Raw record (JSON)', none: '(none)', allTypes: 'All types',
  otherEntity: 'Other object', otherAction: 'Action', otherField: 'Other field', seeDetail: '(see technical details)',
  entities: {
    unit: 'Unit', user: 'User', 'api-token': 'API token', campaign: 'Campaign', 'credit-office': 'Credit office', audit: 'Audit chain',
    'scheme-version': 'Scheme version', submission: 'Submission', 'submission-item': 'Submission item', 'submission-fact': 'Reported fact',
    evidence: 'Evidence', 'item-review': 'Item review', appeal: 'Appeal', 'spot-check': 'Spot check', 'spot-check-item': 'Spot-check item',
    report: 'Report record', 'liaison-contact': 'Liaison table', 'commitment-letter': 'Commitment letter', 'provider-submission': 'Provider submission',
    'supervision-order': 'Supervision order', 'work-reminder': 'Work reminder',
  },
  verbs: { created: 'created', updated: 'updated', deleted: 'deleted', checkpoint: 'checkpoint issued' },
  actions: {
    'campaign.members': 'Units and reviewers set', 'campaign.published': 'Results published', 'campaign.publication-rejected': 'Publication rejected',
    'campaign.results-rescored': 'Results recomputed', 'audit.checkpoint': 'Audit checkpoint issued',
    'supervision-order.printed': 'Follow-up document printed', 'work-reminder.printed': 'Work reminder printed',
  },
  fields: {
    Name: 'Name', Code: 'Code', Class: 'Class', Level: 'Level', ParentId: 'Parent', IsActive: 'Active', DisplayName: 'Name',
    UserName: 'Login name', Email: 'Email', Role: 'Role', UnitId: 'Unit', ScopeKind: 'Scope', ScopeUnitId: 'Scope unit', LockoutEnd: 'Locked until',
    State: 'State', Status: 'Status', Due: 'Due', SubmittedAt: 'Submitted', IsLate: 'Late', LateBySeconds: 'Late by', Reason: 'Reason',
    Title: 'Title', Text: 'Text', ItemId: 'Item', ValueJson: 'Value', FileName: 'File name', Size: 'Size', Decision: 'Decision',
    Grounds: 'Grounds', units: 'Units', reviewers: 'Reviewers', reason: 'Reason', unitCount: 'Units',
    document: 'Document', number: 'Number', format: 'Format',
  },
  values: {
    any: { true: 'yes', false: 'no' },
    State: {
      Draft: 'draft', Open: 'open', Reviewing: 'in review', PendingPublication: 'awaiting publication', Published: 'published',
      Submitted: 'submitted', Returned: 'returned', Resubmitted: 'resubmitted', Reviewed: 'reviewed', Confirmed: 'confirmed',
      Pending: 'pending', Corrected: 'corrected', Filed: 'filed', Upheld: 'upheld', Rejected: 'rejected', Completed: 'completed',
    },
    Role: { 'office-admin': 'office admin', liaison: 'liaison', 'data-provider': 'data provider', reviewer: 'reviewer', leader: 'leader' },
  },
  changed: 'changed',
  actionOf: '{entity} {verb}',
  days: '{n} days',
  period: { quarter: 'Q{n} {year}', quarters: ['1', '2', '3', '4'], month: '{year}-{month}', year: '{year}', range: '{from} to {to}' },
  hours: '{n} h', items: '{n} items', records: '{n} records', judgement: '{points} points (reason: {reason})',
  broken: 'The chain breaks at event {sequence}: {reason}', changes: 'Changes',
  snapshots: '{count} published result snapshots match the chain',
  checkpoint: 'Issue checkpoint', checkpointIssued: 'Checkpoint issued at {count} events: keep the file outside this system',
  verifyCheckpoint: 'Verify against checkpoint', checkpointHolds: 'Matches the checkpoint of {at} ({count} events)',
  checkpointUnreadable: 'Cannot read the checkpoint file: it is not valid JSON.',
}
export default en
