// The campaign, submission and review screens' texts; merged into the main messages with one line.
export default {
  campaign: {
    list: '评价批次', detail: '批次详情', create: '新建评价批次', name: '批次名称', scheme: '指标体系', period: '评价期间', state: '状态',
    units: '参评单位', unitCount: '单位数', evidenceDue: '材料截止', reviewers: '评审员', settings: '设置', schedule: '日程',
    liaisonDue: '联络员登记截止', selfDue: '自评截止', reviewDue: '复核截止', appealDays: '申诉期（天）', spotCheck: '抽查比例',
    selfRequired: '须提交自评', openNow: '创建后立即启动收集', open: '启动收集', startReview: '结束收集，进入复核', openConfirm: '启动后各单位即可填报，确定启动“{name}”？',
    reviewConfirm: '结束收集后单位不能再修改（退回补充的除外），确定进入复核？', progress: '报送进度', participants: '参评单位',
    exceptions: '截止时间例外', grant: '延长截止', exceptionDue: '新的截止时间', reason: '原因', granted: '已延长截止时间',
    fill: '填报', view: '查看', periodHint: '如 2023-03、2022Q1、2022 或 2022-07-01..2023-06-30', beijing: '北京时间',
    select: { list: '逐个选择', subtree: '按上级单位和类别' }, subtree: '上级单位', classes: '单位类别', classMap: '类别对应',
    classMapHint: '单位类别与指标体系类别名称不同时，在此指定对应关系', pickUnits: '选择参评单位', steps: { scheme: '指标体系与期间', units: '参评单位', schedule: '日程', reviewers: '评审员与设置', confirm: '确认' },
    next: '下一步', prev: '上一步', submit: '创建批次', created: '评价批次已创建', noUnits: '请选择参评单位', states: {
      Draft: '草稿', Open: '收集中', Reviewing: '复核中', PendingPublication: '待发布', Published: '已发布',
    },
    status: { pending: '填报中', missing: '逾期未报', submitted: '按时报送', late: '逾期报送', returned: '退回补充' } as Record<string, string>,
    answered: '已填', applicable: '应填', returnedItems: '退回项', submittedAt: '提交时间', lateBy: '逾期', due: '截止时间', sha: '指标体系 SHA-256',
    keyword: '批次名称 / 指标体系', export: '导出进度',
  },
  submission: {
    title: '报送填报', item: '指标', rule: '评分细则', facts: '事实', explanation: '情况说明（无法提供时请说明原因）', cannotSupply: '无法提供（说明原因）',
    cannotSupplyHint: '如本项无法提供材料，请说明原因', evidence: '佐证材料', drop: '将文件拖到此处，或点击上传', uploaded: '已上传',
    receipt: '回执', sha256: 'SHA-256', size: '大小', selfScore: '自评得分', score: '得分', total: '自评总分', submit: '提交报送',
    submitConfirm: '提交后不能再修改（退回补充的除外），确定提交？', submitted: '已提交', saving: '正在保存草稿…', saved: '草稿已保存 {at}',
    saveFailed: '草稿未保存：{message}', returned: '退回补充', returnedHint: '评审员退回了以下指标，请在 {due} 前补充后重新提交',
    late: '逾期 {by}', due: '截止 {due}', state: '状态', notApplicable: '不适用', yes: '是', no: '否', addRow: '添加一行',
    removeRow: '删除', explanationScore: '得分说明', round: '第 {n} 轮', grade: '等次', veto: '一票否决', readonly: '当前不可修改',
    statuses: { Scored: '已计分', NotApplicable: '不适用', Missing: '缺少事实，暂按 0 分', Error: '无法计算' },
    uploading: '上传中', judgement: '评审员认定', points: '分值', enteredBy: '填报人', pickItem: '请选择左侧的指标',
  },
  review: {
    queue: '复核队列', itemTitle: '指标复核', unit: '单位', item: '指标', state: '复核状态', stale: '事实已变更', submittedAt: '提交时间', review: '复核',
    confirm: '确认', correct: '修正事实', return: '退回补充', reason: '理由', supplementDue: '补充期限', done: '已保存复核意见',
    conflict: '{message}。您填写的内容已保留。', refresh: '刷新复核信息',
    preview: '材料预览', noPreview: '此类文件不能预览，请下载查看', download: '下载', noEvidence: '未上传佐证材料',
    selfScore: '自评得分', reviewedScore: '复核得分', version: '复核版本', reviewer: '评审员', unitFacts: '单位填报',
    correctedValue: '修正为', empty: '暂无待复核的指标', campaign: '评价批次', late: '逾期',
  },
  tasks: {
    title: '我的待办', what: '事项', due: '截止', overdue: '已逾期', go: '去处理', none: '暂无待办事项', kinds: {
      fill: '待填报', returned: '退回补充', review: '待复核', publication: '待审批发布',
      confirm: '确认复核结果',
    } as Record<string, string>,
  },
  menuCampaign: { campaigns: '评价批次', reviews: '复核' },
  campaignLinks: {
    results: '评价结果', letters: '联系表与承诺书', liaisonTable: '联络员联系表', letter: '信用承诺书', appeal: '申诉', providerGrid: '数据来源表',
  },
  evidenceKinds: {
    title: '其他形式的佐证', link: '链接', screenshot: '截图', ledger: '台账', url: '网址', linkTitle: '链接说明（可选）', addLink: '添加链接',
    screenshotHint: '上传截图（PNG 或 JPEG）', ledgerFact: '台账', addLedger: '提交台账', kind: '类型', added: '已添加佐证', content: '内容',
    urlInvalid: '请填写以 http:// 或 https:// 开头的完整网址', rowsEmpty: '请至少填写一行台账',
    kinds: { file: '文件', link: '链接', screenshot: '截图', ledger: '台账' } as Record<string, string>,
  },
  baseline: {
    banner: '本报送含有从上期批次带入的草稿数据，请逐项核对后确认基准数据，确认后方可提交。', confirm: '确认基准数据',
    confirmConfirm: '确认后带入的数据即作为本期的填报内容（仍可修改），确定确认？', confirmed: '基准数据已确认',
  },
  reviewDone: {
    finish: '完成复核', finishConfirm: '确认“{unit}”的全部适用指标均已复核？', finished: '已完成复核',
    confirmResult: '确认复核结果', confirmResultConfirm: '确认接受复核结果？确认后不能撤回。', confirmedResult: '已确认复核结果',
    reviewedHint: '评审员已完成复核，请查看各项复核结果后确认。',
  },
  spotCheck: {
    title: '抽查', draw: '抽取抽查单位', drawConfirm: '将按设定比例随机抽取抽查单位，抽取后不能重新抽取。确定抽取？', drawn: '已抽取 {count} 个单位',
    none: '尚未抽取抽查单位。', notDrawnYet: '进入复核后可抽取抽查单位。', unit: '单位', state: '抽查状态', notOpened: '未开始', open: '开始抽查', record: '记录指标',
    complete: '完成抽查', reviewedTotal: '复核总分', spotCheckTotal: '抽查总分', item: '指标', facts: '抽查核实的事实', reason: '抽查依据',
    summary: '抽查结论', recordedBy: '记录人', items: '已记录 {count} 项', saved: '已记录抽查结果', completed: '抽查已完成', opened: '抽查已开始',
    factsHint: '只填写抽查核实后与复核不同或需确认的事实；留空的事实不记录。', noFacts: '请至少填写一项抽查核实的事实。',
  },
}
