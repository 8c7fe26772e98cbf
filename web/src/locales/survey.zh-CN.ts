// Satisfaction surveys (问卷测评): the questionnaire, its links and QR codes, progress and answer sheets.
export default {
  menu: '满意度测评', campaign: '评价批次', setup: '问卷设置', links: '链接与二维码', progress: '进度与结果', sheets: '答卷',
  noItems: '本批次的指标体系没有考察方式为“问卷测评”的指标，无需问卷。',
  title: '问卷标题', intro: '问卷说明', question: '第 {no} 题', measures: '对应指标：{item}', points: '各档分值', definition: '满意度算法',
  minimumSample: '最少有效答卷', minimumHint: '不足此数的单位标记为样本不足，由评审员复核', comment: '意见建议栏',
  opensAt: '开始时间', closesAt: '结束时间', baseAddress: '对外访问地址', baseAddressHint: '例如 https://xyb.example.gov.cn；留空则用当前访问地址',
  closeEarly: '提前结束', closed: '问卷已结束', unit: '单位', qr: '二维码', link: '作答地址', poster: '打印 A4 海报', answers: '答卷数',
  invitations: '邀请码', invitationCount: '共 {total} 个，已用 {used} 个', invite: '生成', invited: '已生成 {count} 个邀请码',
  exportInvitations: '导出邀请码', linksHint: '二维码和海报用于服务大厅张贴；邀请码用于定向样本，一码一答。',
  export: '导出答卷和结果', total: '共 {answers} 份答卷，作废 {discarded} 份', item: '指标', validAnswers: '有效答卷', satisfaction: '满意度',
  insufficient: '样本不足', explanation: '说明', answeredAt: '作答时间', levels: '各题选择', commentColumn: '意见建议', valid: '有效',
  discardedWith: '已作废：{reason}', discard: '作废', discardTitle: '作废答卷', reason: '理由', discarded: '答卷已作废',
}
