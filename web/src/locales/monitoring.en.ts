// The monitoring pages: dual-disclosure uploads, per-department statistics and the office's calendar.
export default {
  menu: 'Disclosures', disclosures: 'Dual disclosure monitoring',
  statistics: 'By department', upload: 'Upload', uploads: 'Uploads', settings: 'Deadline and calendar',
  from: 'From', to: 'To', department: 'Source department', records: 'Records', onTime: 'On time', late: 'Late', wrong: 'Wrong',
  missing: 'Missing', onTimeShare: 'On-time share', noRecords: 'No records in this period', noUploads: 'No uploads yet',
  allOrNothing: 'All or nothing: one bad row refuses the file', uploadHint: 'Drop a CSV (UTF-8 or GBK) or Excel file here, or click to choose',
  uploaded: '{stored} records stored', outcome: '{file}: {rows} rows, {stored} stored, {refused} refused',
  exportRejections: 'Export refused rows', row: 'Row', column: 'Column', reason: 'Reason', decisionNumber: 'Decision number',
  fileName: 'File', uploadedAt: 'Uploaded at', uploadedBy: 'Uploaded by', stored: 'Stored', refused: 'Refused',
  due: 'Deadline', workingDays: 'working days', calendarDays: 'calendar days', calendar: 'Holiday calendar',
  calendarHint: 'Holidays and make-up working days by year; years present: {years}. Missing years are never guessed.',
  drillTitle: '{name} · records', kind: 'Kind', subject: 'Subject', decisionDate: 'Decided', dueDate: 'Due', reportedOn: 'Reported',
  standing: 'Result', finding: 'Confirmed missing', findingReason: 'Finding', findingPrompt: 'Describe the spot comparison finding; the record then counts as missing:',
  findingSaved: 'Recorded as missing', wrongRows: 'Wrong rows (refused at upload)',
  mapping: 'Column mapping', mappingHint: 'An uploaded table finds each field by one of these header names (type a name and press Enter to add); fields left out keep the national template\'s names.', mappingPlaceholder: 'Header name',
  group: 'Monitoring',
}
