// The liaison's report as a whole (see flow.zh-CN.ts).
export default {
  missingTitle: 'Check before submitting',
  missingLead: 'Still missing (explain under "Explanation" when an item cannot be supplied):',
  missingNone: 'Every applicable item is answered or explained; the liaison table and letter are complete.',
  emptyRefused: 'The report is empty and cannot be submitted. Answer at least one item.',
  partialWarn: 'Unanswered items score as the rules say (usually 0). Submit anyway?',
  submitNow: 'Submit', submitAnyway: 'Submit anyway', goFill: 'Keep filling', missingCount: '{n} missing',
  withdraw: 'Withdraw', withdrawConfirm: 'The report goes back to draft to be corrected and submitted again; not possible once review starts. Withdraw?', withdrawn: 'Withdrawn; edit and submit again',
  returnWhole: 'Return whole report', returnReason: 'Reason', returnDue: 'Supplement due', returnHint: 'Every item goes back; the liaison sees the reason.',
  returnDone: 'Returned for supplement', returnReasonRequired: 'Enter the reason', returnDueRequired: 'Pick the supplement deadline',
  reviewedTotal: 'Reviewed total', reviewedScore: 'Reviewed score', reviewReason: 'Reviewer\'s reason', reviewState: 'Verdict', selfVsReviewed: 'Self {self} → reviewed {reviewed}',
  fileName: 'File name', size: 'Size', checksum: 'Checksum', uploadedBy: 'Uploaded by', kind: 'Kind',
  open: 'Open', remove: 'Delete', replace: 'Replace', removeConfirm: 'Delete "{name}"?', removed: 'Deleted', replaced: 'Replaced',
  accepted: 'Accepted: PDF, OFD, Word (DOC/DOCX/WPS), Excel (XLS/XLSX), PNG, JPEG, TXT; the type is read from the content; at most {limit} per file.',
  fillItems: 'Fill items', backToItems: 'Back to the items',
  print: 'Print the letter', printHint: 'Print, have it signed and stamped, then upload the scan below.', openScan: 'Open the stamped scan',
  returnedWhole: 'The office returned the whole report; supplement every item by {due} and submit again',
}
