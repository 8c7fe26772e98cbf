// The campaign wizard's period picker and step checks, and the edit and void dialogs; merged into the main messages with one line.
export default {
  wizard: {
    period: {
      year: '年度', month: '月份', quarterOf: '季度', range: '起止日期', from: '开始日期', to: '结束日期', pickScheme: '请先选择指标体系',
      quarter: '第{quarter}季度', yearLabel: '{year}年度', quarterLabel: '{year}年第{quarter}季度', monthLabel: '{year}年{month}月',
      rangeLabel: '{from} 至 {to}', monthFormat: 'YYYY年MM月', kinds: { Year: '按年度评价', Quarter: '按季度评价', Month: '按月评价', Range: '按固定期间评价' } as Record<string, string>,
    },
    choose: '请选择{field}', notAfter: '{field}不能晚于{other}', notBefore: '{field}不能早于{other}', notPast: '{field}不能早于当前时间',
    mapClasses: '请为以下单位类别指定对应的指标体系类别：{classes}', fixErrors: '请先修正标出的内容', appealWindow: '申诉期',
    appealWindowText: '结果发布后 {days} 天内可申诉', noAppeal: '不设申诉期', unitNames: '参评单位', none: '未设置', deadlines: '日程',
  },
  campaignEdit: {
    edit: '修改批次', title: '修改评价批次', void: '作废', voidTitle: '作废评价批次', voidPrompt: '作废后批次只读，不能再报送、复核或发布，并从默认列表和待办中移除。请填写作废原因：',
    voidReason: '作废原因', voided: '批次已作废', saved: '批次已修改', nothing: '没有需要保存的修改', reason: '修改原因',
    reasonHint: '移出已提交报送的单位时必须填写；其他修改建议填写，记入审计日志', membersLocked: '已结束收集，参评单位和日程不能再修改',
    voidedNote: '本批次已于 {at} 由 {by} 作废。原因：{reason}', includeVoided: '含已作废',
  },
}
