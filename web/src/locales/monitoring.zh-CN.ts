// The monitoring pages (监测): 双公示 uploads, per-department statistics and the office's calendar.
export default {
  menu: '双公示监测', disclosures: '双公示监测',
  statistics: '按部门统计', upload: '上传报送表', uploads: '上传记录', settings: '时限与日历',
  from: '开始日期', to: '结束日期', department: '数据来源单位', records: '报送条数', onTime: '按时', late: '迟报', wrong: '错报',
  missing: '漏报', onTimeShare: '按时率', noRecords: '该期间没有报送记录', noUploads: '暂无上传记录',
  allOrNothing: '整表校验：任一行有误则整表不入库', uploadHint: '将“双公示”报送表（CSV 或 Excel）拖到此处，或点击选择；CSV 可为 UTF-8 或 GBK 编码',
  uploaded: '已入库 {stored} 条', outcome: '{file}：共 {rows} 行，入库 {stored} 条，有误 {refused} 行',
  exportRejections: '导出有误的行', row: '行号', column: '列', reason: '原因', decisionNumber: '决定文书号',
  fileName: '文件名', uploadedAt: '上传时间', uploadedBy: '上传人', stored: '入库', refused: '有误',
  due: '报送时限', workingDays: '个工作日', calendarDays: '个自然日', calendar: '节假日日历',
  calendarHint: '按年列出放假日（holidays）与调休上班日（workdays）；已有年份：{years}。未列出的年份不会按周一至周五推算，统计时会提示补充。',
  drillTitle: '{name} · 报送明细', kind: '类别', subject: '行政相对人', decisionDate: '决定日期', dueDate: '应报日期', reportedOn: '上报日期',
  standing: '结果', finding: '比对属实', findingReason: '比对结果说明', findingPrompt: '请填写抽查比对的通报或核实情况，记录后该条计为漏报：',
  findingSaved: '已记为漏报', wrongRows: '错报（报送时未通过校验的行）',
  mapping: '列名对应', mappingHint: '上传的表格按下列列名找到各字段，每个字段可填多个列名（输入后回车添加）；未列出的字段沿用全国通用模板的列名。', mappingPlaceholder: '输入表头列名',
  group: '监测',
}
