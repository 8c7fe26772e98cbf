// The follow-up pages: supervision orders, work reminders, warnings and their rules.
export default {
  group: 'Follow-up', orders: 'Supervision orders', remindersMenu: 'Reminders and warnings', reminders: 'Work reminders', warnings: 'Warnings', rules: 'Rules',
  issue: 'Issue order', issued: 'Order {number} issued', ordersHint: 'Orders by deadline; overdue ones in red.',
  number: 'Number', unit: 'Unit', units: 'Units', problem: 'Problem', requirement: 'Requirement', deadline: 'Deadline', daysRemaining: 'Days left',
  daysLeft: '{days} days left', overdueDays: '{days} days overdue', orderTitle: 'Order {number}', history: 'History',
  attendees: 'Attendees', commitments: 'Commitments', referredTo: 'Referred to', replyTitle: 'Rectification report', uploadEvidence: 'Upload evidence',
  reportPlaceholder: 'Measures taken and results', reply: 'Send report', replied: 'Report sent', verifyTitle: 'Verify', pass: 'Pass',
  fail: 'Fail', reasonPlaceholder: 'Opinion (a failure needs a reason)', verify: 'Save verification', verified: 'Verification saved',
  interviewTitle: 'Interview', heldAt: 'Held at', minutes: 'Minutes', newDeadline: 'New deadline', interview: 'Save interview',
  interviewed: 'Interview saved', referTitle: 'Refer the case', referReason: 'Reason', refer: 'Refer', referred: 'Case referred',
  defaultReferredTo: 'Supervision and accountability task force', addressee: '{name}:', document: 'Document', uploaded: 'Evidence uploaded',
  issueReminder: 'Issue reminder', reminderIssued: 'Reminder issued', title: 'Title', content: 'Content', expectedResponse: 'Expected response',
  respondBy: 'Respond by', source: 'Source', issuedAt: 'Issued at', acknowledgement: 'Acknowledged', acknowledge: 'Acknowledge', acknowledged: 'Acknowledged',
  notAcknowledged: 'Not acknowledged', kind: 'Kind', reason: 'Reason', raisedAt: 'Raised at', active: 'Active', cleared: 'Cleared', clear: 'Clear warning',
  clearReason: 'Reason for clearing', schemeFamily: 'Scheme family (e.g. huaian-quarterly)', threshold: 'Threshold', runRules: 'Run now',
  ran: 'Done: {reminders} reminders issued, {raised} warnings raised, {cleared} cleared',
  kinds: { DeadlineReminder: 'Before deadline (days)', ScoreBelow: 'Score below', ConsecutiveLate: 'Late in a row', YellowList: 'On the yellow list' },
}
