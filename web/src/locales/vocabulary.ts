// The seeds' own words that are data, not interface text: values the server takes or stores in these words (a person's
// kind, an event's category, a list's usual source, the prefix of the office's return reason) and the quarter numerals its
// period labels use. They are the same in every language, so they live here beside the locale files, not in one of them.

/** 第一季度 … 第四季度, as the server labels a quarter. */
export const quarterWords = ['一', '二', '三', '四'] as const

/** How a screened person joined: the words the server takes. */
export const joinReasons = ['录用', '调任'] as const

/** The categories of a complaint or opinion event: the words the server takes and the schemes' facts count by. */
export const eventCategories = ['失信违诺', '政务公开', '政务服务', '其他'] as const

/** Where a dishonesty list usually comes from (the office may type another). */
export const defaultListSource = '中国执行信息公开网'

/** How the server begins a reason the office gave when it returned a whole submission. */
export const officeReturnPrefix = '信用办退回：'
