// The unit pickers, the units page and the campaign wizard when the tree is opened a piece at a time, and the
// campaign list's counts; merged with one line.
export default {
  unitPicker: {
    pathSep: ' / ',
    search: 'Type a unit name or code',
    noMatch: 'No unit matches',
    searchHint: 'Searches names and codes within your scope; at most {limit} shown',
    childrenOf: 'Units under “{name}”',
    tops: 'Top units',
    subtreeNames: 'Chosen by subtree and class, not listed one by one',
    pickSubtreeFirst: 'Choose the subtree first',
  },
  campaignList: { submitted: 'Submitted', reviewers: 'Reviewers' },
}
