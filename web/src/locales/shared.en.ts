import type zh from './shared.zh-CN'

// Typed against the Chinese texts, so a key missing here fails the typecheck.
const shared: typeof zh = {
  problem: {
    offline: 'Cannot reach the server; check the network.', unauthorized: 'Your session has ended; please sign in again.',
    forbidden: 'You may not do this.', notFound: 'Not found, or outside your scope.', tooManyRequests: 'Too many requests; try again later.',
    serverError: 'Server error ({status}).',
  },
  sep: { colon: ': ', list: '; ', names: ', ', labelled: '{label}: {value}', label: '{label}: ', aside: '{text} ({note})', paren: ' ({text})' },
  duration: { days: '{n} d', hours: '{n} h', minutes: '{n} min', seconds: '{n} s' },
  fact: {
    yes: 'Yes', no: 'No', thisFact: 'This fact', records: '{n} records', judgement: '{points} points: {reason}', row: 'Row {row} {label}',
    yesWords: 'yes y true 1', noWords: 'no n false 0',
    errors: {
      bool: '"{label}": enter yes or no.', count: '"{label}" must be a whole number of 0 or more.', number: '"{label}" must be a number.',
      percent: '"{label}" must be a percentage from 0 to 100.', date: '"{label}" must be a date such as 2023-01-15.',
      invalidDate: '"{label}" is not a valid date.', notText: '"{label}" cannot be entered as text.',
      cellJson: 'A ledger or judgement cell holds the JSON the export wrote.',
      notNumber: '"{text}" is not a number.', notBool: '"{text}" is not yes or no.',
    },
  },
  supplier: {
    unit: 'Entered by the unit', provider: 'Supplied by {name}', feed: 'From {name}', system: 'Counted from the report log',
    survey: 'Survey result', reviewer: 'Set by the reviewer',
  },
  grades: {
    ungraded: 'Ungraded',
    // Grades come from the scheme in Chinese whatever the page's language.
    tags: { success: '优秀 红名单', primary: '良好 蓝名单', warning: '合格', danger: '不合格 黄名单' },
  },
  chart: { share: '{name}: {value} ({percent}%)' },
  accounts: { initialPassword: '{userName}: {password}' },
  changes: { change: '{before} → {after}' },
}
export default shared
