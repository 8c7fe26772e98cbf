import type zh from './wizard.zh-CN'

// Typed against the Chinese messages, so a key missing here fails the typecheck.
const en: typeof zh = {
  wizard: {
    period: {
      year: 'Year', month: 'Month', quarterOf: 'Quarter', range: 'Dates', from: 'From', to: 'To', pickScheme: 'Choose a scheme first',
      quarter: 'Q{quarter}', yearLabel: '{year}', quarterLabel: '{year} Q{quarter}', monthLabel: '{year}-{month}',
      rangeLabel: '{from} to {to}', monthFormat: 'YYYY-MM', kinds: { Year: 'Yearly', Quarter: 'Quarterly', Month: 'Monthly', Range: 'Fixed period' } as Record<string, string>,
    },
    choose: 'Choose {field}', notAfter: '{field} cannot be after {other}', notBefore: '{field} cannot be before {other}', notPast: '{field} cannot be in the past',
    mapClasses: 'Map these unit classes to the scheme: {classes}', fixErrors: 'Please correct the marked fields', appealWindow: 'Appeal window',
    appealWindowText: 'Appeals within {days} days of publication', noAppeal: 'No appeal window', unitNames: 'Units', none: 'Not set', deadlines: 'Schedule',
  },
  campaignEdit: {
    edit: 'Edit campaign', title: 'Edit campaign', void: 'Void', voidTitle: 'Void campaign', voidPrompt: 'A voided campaign is read-only and leaves the lists and tasks. Reason:',
    voidReason: 'Reason', voided: 'Campaign voided', saved: 'Campaign saved', nothing: 'Nothing to save', reason: 'Reason for the change',
    reasonHint: 'Required to remove a unit that has submitted; recorded in the audit log', membersLocked: 'Collection has ended: units and schedule are fixed',
    voidedNote: 'Voided on {at} by {by}. Reason: {reason}', includeVoided: 'Include voided',
  },
}
export default en
