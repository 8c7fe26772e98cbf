// Results, publication, appeals, the public page and the leader's dashboard; merged into zh-CN.ts.
export default {
  results: {
    menu: '评价结果', list: '评价结果', detail: '结果与发布', campaign: '评价批次', period: '考核期', state: '状态', units: '单位数',
    publishedAt: '发布时间', open: '查看结果', publicPage: '公开页面', appeal: '申诉', noCampaigns: '暂无进入复核或已发布的评价批次。',
    overall: '总排名', rank: '总排名', classRank: '类别排名', unit: '单位', class: '类别', base: '基本分', bonus: '附加分', total: '总分',
    grade: '等次', selfTotal: '自评总分', late: '逾期', vetoes: '否决事项', explanation: '说明', items: '指标得分',
    item: '指标', selfScore: '自评得分', reviewedScore: '复核得分', diff: '差异', itemExplanation: '得分说明', notApplicable: '不适用',
    exportRanking: '导出排名表', exportScoreSheets: '导出评分表', exportScoreSheet: '导出本单位评分表', exportAppeals: '导出申诉清单',
    unpublishedNote: '结果尚未发布，仅供内部复核。', ranksRefreshing: '排名更新中：有单位的得分刚刚变化，下表的名次为上次排名，稍后刷新即为最新排名。', snapshotNote: '已发布版本 {version}，SHA-256：{sha}',
    searchUnit: '按单位名称查找', pageTotal: '共 {total} 个单位', pagePrev: '上一页', pageNext: '下一页', pageOf: '第 {page} / {pages} 页', noMatch: '没有符合条件的单位。',
    states: { Draft: '草稿', Open: '收集中', Reviewing: '复核中', PendingPublication: '待审批发布', Published: '已发布' } as Record<string, string>,
  },
  publication: {
    details: '技术详情：已发布 {count} 个版本（版本号、快照 SHA-256）', 
    title: '结果发布', state: '发布状态', requestedBy: '申请人', approvedBy: '审批人', request: '申请发布', approve: '审批发布',
    reject: '驳回申请', reason: '驳回理由', reasonPlaceholder: '请说明驳回理由（必填）', versions: '发布版本', version: '版本',
    sha256: 'SHA-256', publishedAt: '发布时间', lastRejection: '最近一次驳回：{reason}（{by}，{at}）',
    requestConfirm: '确认申请发布本批次结果？须由另一名管理员审批。', approveConfirm: '确认审批发布？发布后结果将对社会公开，快照不可更改。',
    requested: '已提交发布申请', approved: '已发布，版本 {version}', rejected: '已驳回发布申请',
    waitOther: '已由您申请发布，须由另一名信用办管理员审批。', notReady: '批次须处于复核中才能申请发布。',
  },
  appeal: {
    title: '申诉', list: '申诉处理', unit: '单位', item: '指标', wholeResult: '整体结果', grounds: '申诉理由', filedAt: '提出时间',
    state: '状态', decision: '处理意见', decidedAt: '处理时间', uphold: '支持', reject: '驳回', decisionPlaceholder: '请填写处理意见',
    upholdConfirm: '支持该申诉后，批次将回到复核，已发布版本保留，再次发布为新版本。', decided: '已处理', none: '暂无申诉。',
    file: '提出申诉', submit: '提交申诉', filed: '申诉已提交', window: '申诉期：发布后 {days} 天内', myAppeals: '本单位的申诉',
    groundsPlaceholder: '请写明申诉的事实与理由', itemPlaceholder: '针对的指标（可不选，表示对整体结果申诉）',
    states: { Filed: '待处理', Upheld: '已支持', Rejected: '已驳回' } as Record<string, string>,
    myResult: '本单位结果',
  },
  publicPage: {
    title: '政务诚信评价结果公示', published: '发布时间', version: '版本', sha: '结果快照 SHA-256', technical: '核验信息（结果快照校验码）', notFound: '该评价批次尚未发布结果。',
    verify: '公众可下载结果快照并计算 SHA-256，与此处一致即说明结果未被改动。', login: '登录平台',
  },
  dashboard: {
    menu: '领导看板', title: '领导看板', campaign: '评价批次', gradeDistribution: '等次分布', ranking: '排名（前 15 名）',
    radar: '一级指标得分对比', radarUnit: '对比单位', average: '平均', trend: '历期走势', trendUnit: '单位',
    progress: '报送进度', noTrend: '该单位在本方案系列中暂无已发布的结果。', live: '未发布（实时计算）', published: '已发布',
    noCampaign: '暂无可查看的评价批次。', units: '参评单位', ranksRefreshing: '排名更新中',
  },
  // Names a download falls back on when the server sends none.
  exportFiles: { ranking: '排名表-{id}.xlsx', scoreSheet: '评分表-{id}.xlsx', appeals: '申诉清单-{id}.xlsx' },
}
