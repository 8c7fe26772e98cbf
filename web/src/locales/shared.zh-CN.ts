// Texts the shared helpers speak (api/, utils/, charts): refused requests, punctuation that joins values,
// durations, fact values and their errors, suppliers and grade names as Chinese schemes write them.
export default {
  problem: {
    offline: '无法连接服务器，请检查网络。', unauthorized: '登录已失效，请重新登录。', forbidden: '没有权限执行此操作。',
    notFound: '记录不存在或不在权限范围内。', tooManyRequests: '请求过于频繁，请稍后再试。', serverError: '服务器错误（{status}）。',
  },
  sep: { colon: '：', list: '；', names: '、', labelled: '{label}：{value}', label: '{label}：', aside: '{text}（{note}）', paren: '（{text}）' },
  duration: { days: '{n} 天', hours: '{n} 小时', minutes: '{n} 分钟', seconds: '{n} 秒' },
  fact: {
    yes: '是', no: '否', thisFact: '该项', records: '{n} 条记录', judgement: '{points} 分：{reason}', row: '第 {row} 行 {label}',
    // Words a user may type for a yes/no fact, besides 是/否 (read in every language the app speaks).
    yesWords: '是 有', noWords: '否 无',
    errors: {
      bool: '「{label}」请填写“是”或“否”。', count: '「{label}」应为不小于 0 的整数。', number: '「{label}」应为数字。',
      percent: '「{label}」应为 0 到 100 之间的百分数。', date: '「{label}」应为日期，如 2023-01-15。', invalidDate: '「{label}」不是有效日期。',
      notText: '「{label}」不能以文字填写。', cellJson: '台账或评分单元格应为导出时的 JSON 内容。',
      notNumber: '「{text}」不是数值。', notBool: '「{text}」不是“是”或“否”。',
    },
  },
  supplier: {
    unit: '本单位填报', provider: '由{name}提供', feed: '来自{name}', system: '系统按报送记录统计', survey: '问卷测评结果', reviewer: '评审员认定',
  },
  grades: {
    ungraded: '未定等次',
    // Grade names as schemes write them, by the colour of their tag.
    tags: { success: '优秀 红名单', primary: '良好 蓝名单', warning: '合格', danger: '不合格 黄名单' },
  },
  chart: { share: '{name}：{value}（{percent}%）' },
  accounts: { initialPassword: '{userName}：{password}' },
  changes: { change: '{before} → {after}' },
}
