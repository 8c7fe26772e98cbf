import type zh from './campaign.zh-CN'

// Typed against the Chinese messages, so a key missing here fails the typecheck.
const en: typeof zh = {
  campaign: {
    list: 'Campaigns', detail: 'Campaign', create: 'New campaign', name: 'Name', scheme: 'Scheme', period: 'Period', state: 'State',
    units: 'Units', unitCount: 'Units', evidenceDue: 'Evidence due', reviewers: 'Reviewers', settings: 'Settings', schedule: 'Schedule',
    liaisonDue: 'Liaison table due', selfDue: 'Self-assessment due', reviewDue: 'Review due', appealDays: 'Appeal window (days)', spotCheck: 'Spot-check share',
    selfRequired: 'Self-assessment required', openNow: 'Open collection right away', open: 'Open collection', startReview: 'Close collection, start review', openConfirm: 'Units can fill in once opened. Open “{name}”?',
    reviewConfirm: 'Units can no longer change their answers (except returned items). Start review?', progress: 'Progress', participants: 'Participants',
    exceptions: 'Deadline exceptions', grant: 'Extend deadline', exceptionDue: 'New deadline', reason: 'Reason', granted: 'Deadline extended',
    fill: 'Fill in', view: 'View', periodHint: 'e.g. 2023-03, 2022Q1, 2022 or 2022-07-01..2023-06-30', beijing: 'Beijing time',
    select: { list: 'Pick units', subtree: 'By parent unit and class' }, subtree: 'Parent unit', classes: 'Unit classes', classMap: 'Class mapping',
    classMapHint: 'Map unit classes to the scheme’s classes where the names differ', pickUnits: 'Units taking part', steps: { scheme: 'Scheme and period', units: 'Units', schedule: 'Schedule', reviewers: 'Reviewers and settings', confirm: 'Confirm' },
    next: 'Next', prev: 'Back', submit: 'Create campaign', created: 'Campaign created', noUnits: 'Choose the units taking part', states: {
      Draft: 'Draft', Open: 'Collecting', Reviewing: 'In review', PendingPublication: 'Awaiting approval', Published: 'Published', Voided: 'Voided',
    },
    status: { pending: 'In progress', missing: 'Missing', submitted: 'On time', late: 'Late', returned: 'Returned' },
    answered: 'Answered', applicable: 'Applicable', returnedItems: 'Returned', submittedAt: 'Submitted', lateBy: 'Late by', due: 'Due', sha: 'Scheme SHA-256', technical: 'Technical details (scheme version, checksum)', schemeVersion: 'Scheme version: {version}',
    keyword: 'Campaign / scheme', export: 'Export progress',
    allStatuses: 'All ({count})', statusCount: '{status} ({count})', pagePrev: 'Previous', pageNext: 'Next', pageOf: 'Page {page} of {pages}',
  },
  submission: {
    title: 'Submission', item: 'Item', rule: 'Scoring rule', facts: 'Facts', explanation: 'Explanation (say why, if it cannot be supplied)', cannotSupply: 'Cannot supply (say why)',
    cannotSupplyHint: 'If this item cannot be supplied, say why', evidence: 'Evidence', drop: 'Drop a file here, or click to upload', uploaded: 'Uploaded',
    receipt: 'Receipt', sha256: 'SHA-256', size: 'Size', selfScore: 'Self-score', score: 'Score', total: 'Self-assessed total', submit: 'Submit',
    submitConfirm: 'Once submitted, answers cannot change (except returned items). Submit?', submitted: 'Submitted', saving: 'Saving draft…', saved: 'Draft saved {at}',
    saveFailed: 'Draft not saved: {message}', returned: 'Returned', returnedHint: 'The reviewer returned these items; supplement them and resubmit before {due}',
    late: 'Late by {by}', due: 'Due {due}', state: 'State', notApplicable: 'Not applicable', yes: 'Yes', no: 'No', addRow: 'Add row',
    removeRow: 'Remove', explanationScore: 'How the score follows', round: 'Round {n}', grade: 'Grade', veto: 'Veto', readonly: 'Read-only now',
    statuses: { Scored: 'Scored', NotApplicable: 'Not applicable', Missing: 'Facts missing, 0 for now', Error: 'Cannot score' },
    uploading: 'Uploading', judgement: 'Reviewer’s judgement', points: 'Points', enteredBy: 'Entered by', pickItem: 'Pick an item on the left',
  },
  review: {
    queue: 'Review queue', itemTitle: 'Item review', unit: 'Unit', item: 'Item', state: 'Review state', stale: 'Facts changed', submittedAt: 'Submitted', review: 'Review',
    confirm: 'Confirm', correct: 'Correct facts', return: 'Return', reason: 'Reason', supplementDue: 'Supplement by', done: 'Review saved',
    conflict: 'Another reviewer updated this item ({message}). Your input is kept; refresh the review and submit again.', refresh: 'Refresh review',
    preview: 'Preview', noPreview: 'This file type cannot be previewed; download it', download: 'Download', noEvidence: 'No evidence uploaded',
    selfScore: 'Self-score', reviewedScore: 'Reviewed score', version: 'Review version', reviewer: 'Reviewer', unitFacts: 'Unit’s answer',
    correctedValue: 'Corrected to', empty: 'Nothing waiting for review', campaign: 'Campaign', late: 'Late',
    score: 'Give points', points: 'Points', pointsUnit: 'pts', pointsHint: '0 to {max}, at most two decimal places', judgement: 'Reviewer’s points',
    pointsErrors: { required: 'Enter the points', number: 'Points must be a number', range: 'Points must be from 0 to {max}', decimals: 'At most two decimal places' } as Record<string, string>,
    details: 'Details (review version, file checksums)', prev: 'Previous', next: 'Next', position: 'Item {index} of {total}',
    allCampaigns: 'All campaigns', allUnits: 'All units', unitSearch: 'Type a unit name', noUnitMatch: 'No waiting unit matches', allStates: 'All states',
    batchConfirm: 'Confirm selected', batchConfirmConfirm: 'Confirm the {count} selected items as the unit answered? Items scored by the reviewer must be scored one by one.', batchDone: '{count} items confirmed',
    more: 'Load more', shown: '{shown} of {total} items shown', campaignCount: '{name} ({count} items)', unitNeedsCampaign: 'Choose a campaign first',
    judgementNotBatch: 'Items scored by the reviewer are scored one by one',
    confirmNote: 'Review note',
    adoptsUnitAnswer: 'The unit changed its answer after a reviewer’s correction. The reviewed score still counts the correction; confirming adopts the unit’s updated answer and the correction no longer counts. If you still disagree, correct the facts again.',
  },
  tasks: {
    title: 'My tasks', what: 'Task', due: 'Due', overdue: 'Overdue', go: 'Open', none: 'No open tasks', kinds: {
      fill: 'To fill in', returned: 'Returned', review: 'To review', publication: 'Publication to approve',
      confirm: 'Confirm the reviewed result',
      candidates: 'List hits to confirm', events: 'Events to verify',
    },
  },
  menuCampaign: { campaigns: 'Campaigns', reviews: 'Review' },
  campaignLinks: {
    results: 'Results', letters: 'Liaison tables and letters', liaisonTable: 'Liaison table', letter: 'Commitment letter', appeal: 'Appeal', providerGrid: 'Provider grid',
  },
  evidenceKinds: {
    title: 'Other evidence', link: 'Link', screenshot: 'Screenshot', ledger: 'Ledger', url: 'URL', linkTitle: 'What it shows (optional)', addLink: 'Add link',
    screenshotHint: 'Upload a screenshot (PNG or JPEG)', ledgerFact: 'Ledger', addLedger: 'Submit ledger', kind: 'Kind', added: 'Evidence added', content: 'Content',
    urlInvalid: 'Enter a full address starting with http:// or https://', rowsEmpty: 'Fill in at least one ledger row',
    kinds: { file: 'File', link: 'Link', screenshot: 'Screenshot', ledger: 'Ledger' },
  },
  baseline: {
    banner: 'This submission holds drafts carried forward from the previous campaign; check them item by item and confirm the baseline before submitting.', confirm: 'Confirm baseline',
    confirmConfirm: 'The carried-forward data becomes this period’s answer (still editable). Confirm?', confirmed: 'Baseline confirmed',
  },
  reviewDone: {
    finish: 'Finish review', finishConfirm: 'Has every applicable item of “{unit}” been reviewed?', finished: 'Review finished',
    confirmResult: 'Confirm review result', confirmResultConfirm: 'Accept the review result? This cannot be undone.', confirmedResult: 'Review result confirmed',
    reviewedHint: 'The reviewer has finished; check the reviewed items, then confirm.',
  },
  spotCheck: {
    title: 'Spot check', draw: 'Draw units', drawConfirm: 'Units are drawn at random at the set share; the draw cannot be repeated. Draw now?', drawn: '{count} units drawn',
    none: 'No units drawn yet.', notDrawnYet: 'Units can be drawn once review starts.', unit: 'Unit', state: 'State', notOpened: 'Not started', open: 'Start check', record: 'Record item',
    complete: 'Complete', reviewedTotal: 'Reviewed total', spotCheckTotal: 'Spot-check total', item: 'Item', facts: 'Facts found', reason: 'Grounds',
    summary: 'Conclusion', recordedBy: 'Recorded by', items: '{count} items recorded', saved: 'Spot-check result recorded', completed: 'Spot check completed', opened: 'Spot check started',
    factsHint: 'Fill in only the facts the check established; empty facts are not recorded.', noFacts: 'Fill in at least one fact the check established.',
  },
}
export default en
