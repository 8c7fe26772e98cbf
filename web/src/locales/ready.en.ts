import type zh from './ready.zh-CN'

// Typed against the Chinese messages, so a key missing here fails the typecheck.
const en: typeof zh = {
  readiness: {
    title: 'Before: {step}', checking: 'Checking what is still open…', ready: 'Nothing is open; you may go on: {step}.',
    open: 'Still open:', mayOverride: 'May go on with a reason', mustFinish: 'Must be finished first', consequence: 'Going on means: {text}',
    blocked: 'These must be finished before: {step}.', reason: 'Reason to go on', reasonPlaceholder: 'Why go on while the above is open (recorded in the audit log)',
    reasonRequired: 'Give the reason to go on.', go: '{step}', override: '{step} with this reason', overrides: 'Earlier decisions',
    overrideLine: '{step}: {reason} ({by}, {at})', done: 'Done: {step}', more: 'and {count} more',
  },
  publicList: {
    title: 'Published results', empty: 'No results have been published yet.', open: 'View', period: 'Period', units: 'Units', version: 'Version',
    publishedAt: 'Published', all: 'All published results', download: 'Download the snapshot',
  },
  taskKinds: { appeal: 'Appeals to decide', blocked: 'Open before the next step', grid: 'Data to fill in' },
  deadline: {
    notLater: 'The new deadline must be after the unit’s current one ({due}).', notFuture: 'The new deadline must be in the future.',
  },
}
export default en
