import shared from './shared.en'
import campaignEn from './campaign.en'
import results from './results.en'
import collectEn from './collect.en'
import type zh from './zh-CN'
import flowEn from './flow.en'

// Typed against the Chinese messages, so a key missing here fails the typecheck.
const en: typeof zh = {
  app: { name: 'Chengxin', full: 'Government Integrity Evaluation' },
  common: {
    search: 'Search', reset: 'Reset', create: 'New', edit: 'Edit', save: 'Save', cancel: 'Cancel', confirm: 'OK',
    actions: 'Actions', import: 'Import', export: 'Export', keyword: 'Keyword', status: 'Status', active: 'Active', inactive: 'Inactive',
    loading: 'Loading…', saved: 'Saved', exported: 'Exported', imported: 'Imported: {created} created, {updated} updated',
    confirmTitle: 'Please confirm', required: '{field} is required', all: 'All', back: 'Back', refresh: 'Refresh', detail: 'View',
  },
  menu: { home: 'Home', units: 'Units', users: 'Users', schemes: 'Schemes', audit: 'Audit log', system: 'System' },
  header: { logout: 'Sign out', language: '中文', role: 'Role', unit: 'Unit' },
  login: {
    title: 'Government Integrity Evaluation', subtitle: 'Credit office · Liaisons · Reviewers · Leaders', userName: 'User name', password: 'Password',
    submit: 'Sign in', expired: 'Your session expired. Sign in again; what you were editing is kept.', tooMany: 'Too many attempts; try again in {seconds} s.',
    insecure: 'This connection is not encrypted (http): the password and data cross the network in clear text. Use it only on a trusted intranet.',
  },
  home: {
    welcome: 'Hello, {name}', roleLine: '{role} · {unit}', todo: 'What you can do', counts: 'Overview',
    units: 'Units', users: 'Users', schemes: 'Schemes', goUnits: 'Maintain the unit tree and classes', goUsers: 'Manage accounts, roles and scopes',
    goSchemes: 'Read the evaluation schemes and their check reports', goAudit: 'Read the audit log and verify its chain', noTasks: 'Tasks will appear here once campaigns are open.',
  },
  unit: {
    tree: 'Unit tree', name: 'Name', code: 'Code', level: 'Level', class: 'Class', parent: 'Parent unit', status: 'Status',
    create: 'New unit', edit: 'Edit unit', move: 'Move', deactivate: 'Deactivate', activate: 'Activate', includeInactive: 'Include inactive',
    deactivateConfirm: 'Deactivate “{name}”? It will not take part in new campaigns.', moved: 'Unit moved', noParent: '(none, top level)',
    levels: { City: 'City', County: 'County', Town: 'Town', Village: 'Village', Department: 'Department' },
  },
  user: {
    userName: 'User name', displayName: 'Name', role: 'Role', unit: 'Unit', scope: 'Scope', scopeUnit: 'Scope unit',
    password: 'Initial password', create: 'New user', edit: 'Edit user', disable: 'Disable', enable: 'Enable', locked: 'Locked',
    disableConfirm: 'Disable “{name}”? Their sessions end at once.', resetPassword: 'Reset password', newPassword: 'New password', passwordReset: 'Password reset',
    scopes: { OwnUnit: 'Own unit', Subtree: 'Unit and below', Campaigns: 'Assigned campaigns' },
    roles: { 'office-admin': 'Office admin', liaison: 'Liaison', 'data-provider': 'Data provider', reviewer: 'Reviewer', leader: 'Leader' },
  },
  scheme: {
    title: 'Scheme', issuer: 'Issuer', document: 'Document no.', date: 'Date', total: 'Total', items: 'Items', classes: 'Unit classes',
    period: 'Period', tree: 'Indicators', lint: 'Check report', chart: 'Points per category', no: 'No.', itemTitle: 'Indicator', max: 'Points',
    method: 'Method', source: 'Data source', materials: 'Evidence', rule: 'Scoring rule', bonus: 'Bonus', severity: 'Severity',
    code: 'Rule', message: 'Message', position: 'Position', resolved: 'Resolved', open: 'Open', resolution: 'Resolution',
    severities: { Error: 'Error', Warning: 'Warning', Note: 'Note' },
    loadErrors: 'These scheme files could not be loaded', grades: 'Grades', vetoes: 'Vetoes',
  },
  audit: {
    at: 'Time', actor: 'Actor', action: 'Action', entityType: 'Entity type', entityId: 'Entity id', sequence: 'Seq.',
    before: 'Before', after: 'After', hash: 'Hash', verify: 'Verify chain', intact: 'The chain is intact: {count} events',
    entities: { unit: 'Unit', user: 'User', token: 'API token', campaign: 'Campaign', office: 'Credit office', audit: 'audit checkpoint' },
    verbs: { created: 'created', updated: 'updated', deleted: 'deleted', checkpoint: 'issued' },
    fields: {
      Name: 'Name', Code: 'Code', Class: 'Class', Level: 'Level', ParentId: 'Parent', IsActive: 'Active', DisplayName: 'Name',
      UserName: 'User name', Role: 'Role', UnitId: 'Unit', ScopeKind: 'Scope', ScopeUnitId: 'Scope unit', LockoutEnd: 'Locked until',
    },
    broken: 'The chain breaks at event {sequence}: {reason}', changes: 'Changes',
    snapshots: '{count} published result snapshots match the chain',
    checkpoint: 'Issue checkpoint', checkpointIssued: 'Checkpoint issued at {count} events: keep the file outside this system',
    verifyCheckpoint: 'Verify against checkpoint', checkpointHolds: 'Matches the checkpoint of {at} ({count} events)',
    checkpointUnreadable: 'Cannot read the checkpoint file: it is not valid JSON.',
  },
  collect: collectEn,
  flow: flowEn,
  error: { network: 'Cannot reach the server.', notFound: 'Page not found', forbidden: 'You may not open this page' },
  ...campaignEn,
  ...results,
  ...shared,
}
export default en
