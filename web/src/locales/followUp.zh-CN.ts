// The follow-up pages: supervision orders, work reminders, warnings and their rules.
export default {
  group: '跟踪督办', orders: '挂牌督办', remindersMenu: '提示与预警', reminders: '工作提示单', warnings: '预警', rules: '提示和预警规则',
  issue: '下发督办单', issued: '已下发督办单 {number}', ordersHint: '督办单按期限排序，逾期的标红。',
  number: '编号', unit: '单位', units: '接收单位', problem: '存在问题', requirement: '整改要求', deadline: '整改期限', daysRemaining: '剩余天数',
  daysLeft: '剩 {days} 天', overdueDays: '已逾期 {days} 天', orderTitle: '督办单 {number}', history: '督办过程',
  attendees: '参加人员', commitments: '整改承诺', referredTo: '移交对象', replyTitle: '报送整改报告', uploadEvidence: '上传整改佐证',
  reportPlaceholder: '整改措施、完成情况', reply: '报送整改报告', replied: '整改报告已报送', verifyTitle: '核验整改', pass: '通过',
  fail: '不通过', reasonPlaceholder: '核验意见（不通过须写明理由）', verify: '提交核验', verified: '核验结果已保存',
  interviewTitle: '登记约谈', heldAt: '约谈时间', minutes: '约谈记录', newDeadline: '新整改期限', interview: '保存约谈记录',
  interviewed: '约谈记录已保存', referTitle: '移交问责线索', referReason: '移交理由', refer: '移交', referred: '已移交问责线索',
  defaultReferredTo: '督导考核问责专班', addressee: '{name}：', document: '文书', uploaded: '整改佐证已上传',
  issueReminder: '下发提示单', reminderIssued: '提示单已下发', title: '标题', content: '提示内容', expectedResponse: '反馈要求',
  respondBy: '反馈期限', source: '来源', issuedAt: '下发时间', acknowledgement: '签收', acknowledge: '签收', acknowledged: '已签收',
  notAcknowledged: '未签收', kind: '类型', reason: '原因', raisedAt: '预警时间', active: '预警中', cleared: '已解除', clear: '解除预警',
  clearReason: '解除理由', schemeFamily: '方案系列（如 huaian-quarterly）', threshold: '阈值', runRules: '立即检查',
  ran: '检查完成：下发提示单 {reminders} 份，新增预警 {raised} 条，解除预警 {cleared} 条',
  kinds: { DeadlineReminder: '截止前提示（天）', ScoreBelow: '得分低于（分）', ConsecutiveLate: '连续逾期（期）', YellowList: '列入黄名单' },
}
