import shared from './shared.en'
import campaignEn from './campaign.en'
import results from './results.en'
import collectEn from './collect.en'
import inboxEn from './inbox.en'
import monitoringEn from './monitoring.en'
import followUpEn from './followUp.en'
import screeningEn from './screening.en'
import surveyEn from './survey.en'
import auditEn from './audit.en'
import wizardEn from './wizard.en'
import type zh from './zh-CN'
import readyEn from './ready.en'
import flowEn from './flow.en'
import bulletinEn from './bulletin.en'
import unitPickerEn from './unitPicker.en'

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
  header: { logout: 'Sign out', language: '中文', role: 'Role', unit: 'Unit', menu: 'Menu' },
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
    appliesTo: 'Applies to', howScored: 'How the platform scores it', caps: 'Caps',
  },
  audit: auditEn,
  collect: collectEn,
  monitoring: monitoringEn,
  inbox: inboxEn,
  followUp: followUpEn,
  screening: screeningEn,
  survey: surveyEn,
  flow: flowEn,
  bulletin: bulletinEn,
  error: { network: 'Cannot reach the server.', notFound: 'Page not found', forbidden: 'You may not open this page' },
  ...campaignEn,
  ...wizardEn,
  ...results,
  ...shared,
  ...readyEn,
  ...unitPickerEn,
}
export default en
