// Results, publication, appeals, the public page and the leader's dashboard; merged into en.ts.
export default {
  results: {
    menu: 'Results', list: 'Results', detail: 'Results and publication', campaign: 'Campaign', period: 'Period', state: 'State', units: 'Units',
    publishedAt: 'Published', open: 'Open results', publicPage: 'Public page', appeal: 'Appeal', noCampaigns: 'No campaign is in review or published yet.',
    overall: 'Overall', rank: 'Rank', classRank: 'Class rank', unit: 'Unit', class: 'Class', base: 'Base', bonus: 'Bonus', total: 'Total',
    grade: 'Grade', selfTotal: 'Self-assessed', late: 'Late', vetoes: 'Vetoes', explanation: 'Explanation', items: 'Item scores',
    item: 'Item', selfScore: 'Self-score', reviewedScore: 'Reviewed score', diff: 'Difference', itemExplanation: 'Explanation', notApplicable: 'n/a',
    exportRanking: 'Export ranking', exportScoreSheets: 'Export score sheets', exportScoreSheet: "Export this unit's score sheet", exportAppeals: 'Export appeals',
    unpublishedNote: 'Not published yet: for internal review only.', ranksRefreshing: 'Ranks are being updated: a unit\'s score has just changed; the ranks below are the last ones, refresh shortly for the new ranks.', snapshotNote: 'Published version {version}, SHA-256: {sha}',
    searchUnit: 'Find a unit by name', pageTotal: '{total} units', pagePrev: 'Previous', pageNext: 'Next', pageOf: 'Page {page} of {pages}', noMatch: 'No unit matches.',
    states: { Draft: 'Draft', Open: 'Collecting', Reviewing: 'In review', PendingPublication: 'Awaiting approval', Published: 'Published' } as Record<string, string>,
  },
  publication: {
    details: 'Technical details: {count} published versions (numbers, snapshot SHA-256)', 
    title: 'Publication', state: 'State', requestedBy: 'Requested by', approvedBy: 'Approved by', request: 'Request publication', approve: 'Approve',
    reject: 'Reject request', reason: 'Reason', reasonPlaceholder: 'Why is the request rejected? (required)', versions: 'Published versions', version: 'Version',
    sha256: 'SHA-256', publishedAt: 'Published', lastRejection: 'Last rejected: {reason} ({by}, {at})',
    requestConfirm: 'Request publication of these results? Another admin must approve.', approveConfirm: 'Approve publication? The results become public and the snapshot is frozen.',
    requested: 'Publication requested', approved: 'Published as version {version}', rejected: 'Request rejected',
    waitOther: 'You requested publication; another office admin must approve it.', notReady: 'Only a campaign in review can be put up for publication.',
  },
  appeal: {
    title: 'Appeal', list: 'Appeals', unit: 'Unit', item: 'Item', wholeResult: 'Whole result', grounds: 'Grounds', filedAt: 'Filed',
    state: 'State', decision: 'Decision', decidedAt: 'Decided', uphold: 'Uphold', reject: 'Reject', decisionPlaceholder: 'Decision and reasons',
    upholdConfirm: 'Upholding returns the campaign to review; the published version stays and the next publication adds a version.', decided: 'Decided', none: 'No appeals.',
    file: 'File an appeal', submit: 'Submit appeal', filed: 'Appeal filed', window: 'Appeals are open for {days} days after publication', myAppeals: "Your unit's appeals",
    groundsPlaceholder: 'The facts and reasons of the appeal', itemPlaceholder: 'Item appealed against (leave empty for the whole result)',
    states: { Filed: 'Open', Upheld: 'Upheld', Rejected: 'Rejected' } as Record<string, string>,
    myResult: "Your unit's result",
  },
  publicPage: {
    title: 'Government integrity evaluation: published results', published: 'Published', version: 'Version', sha: 'Snapshot SHA-256', technical: 'Verification (snapshot checksum)', notFound: 'No results have been published for this campaign.',
    verify: 'Anyone may download the snapshot and compute its SHA-256; a match shows the results were not altered.', login: 'Sign in',
  },
  dashboard: {
    menu: 'Dashboard', title: 'Leader dashboard', campaign: 'Campaign', gradeDistribution: 'Grade distribution', ranking: 'Ranking (top 15)',
    radar: 'Categories against the average', radarUnit: 'Unit', average: 'Average', trend: 'Trend across periods', trendUnit: 'Unit',
    progress: 'Submission progress', noTrend: 'No published results for this unit in this scheme family yet.', live: 'Unpublished (live)', published: 'Published',
    noCampaign: 'No campaign to show.', units: 'Units', ranksRefreshing: 'Ranks being updated',
  },
  // Names a download falls back on when the server sends none.
  exportFiles: { ranking: 'ranking-{id}.xlsx', scoreSheet: 'score-sheet-{id}.xlsx', appeals: 'appeals-{id}.xlsx' },
}
