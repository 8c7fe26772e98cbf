// Readiness before closing collection and publishing, the public list, and the tasks that come with them.
export default {
  readiness: {
    title: '{step}前的检查', checking: '正在检查未完成事项…', ready: '没有未完成的事项，可以{step}。',
    open: '还有未完成的事项：', mayOverride: '可说明理由后继续', mustFinish: '须先处理', consequence: '继续的后果：{text}',
    blocked: '以上事项须先处理完毕，才能{step}。', reason: '继续的理由', reasonPlaceholder: '请说明为何在上述事项未完成时继续（将记入审计日志）',
    reasonRequired: '请填写继续的理由。', go: '{step}', override: '说明理由后{step}', overrides: '此前的决定',
    overrideLine: '{step}：{reason}（{by}，{at}）', done: '已{step}', more: '等 {count} 项',
  },
  publicList: {
    title: '已公示的评价结果', empty: '暂无已公示的评价结果。', open: '查看', period: '评价期间', units: '参评单位', version: '版本',
    publishedAt: '发布时间', all: '全部公示', download: '下载结果快照',
  },
  taskKinds: { appeal: '待处理申诉', blocked: '待办结事项', grid: '待填数据' } as Record<string, string>,
  deadline: {
    notLater: '新的截止时间须晚于本单位当前的截止时间（{due}）。', notFuture: '新的截止时间须晚于当前时间。',
  },
}
