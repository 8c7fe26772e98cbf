import shared from './shared.zh-CN'
import campaignZh from './campaign.zh-CN'
import results from './results.zh-CN'
import collectZh from './collect.zh-CN'
import inboxZh from './inbox.zh-CN'
import monitoringZh from './monitoring.zh-CN'
import followUpZh from './followUp.zh-CN'
import screeningZh from './screening.zh-CN'
import surveyZh from './survey.zh-CN'
import auditZh from './audit.zh-CN'
import wizardZh from './wizard.zh-CN'
import readyZh from './ready.zh-CN'
import flowZh from './flow.zh-CN'
import bulletinZh from './bulletin.zh-CN'
import unitPickerZh from './unitPicker.zh-CN'
export default {
  app: { name: '诚信', full: '政务诚信评价平台' },
  common: {
    search: '查询', reset: '重置', create: '新增', edit: '编辑', save: '保存', cancel: '取消', confirm: '确定',
    actions: '操作', import: '导入', export: '导出', keyword: '关键字', status: '状态', active: '启用', inactive: '停用',
    loading: '加载中…', saved: '已保存', exported: '已导出', imported: '导入完成：新增 {created} 条，更新 {updated} 条',
    confirmTitle: '请确认', required: '请填写{field}', all: '全部', back: '返回', refresh: '刷新', detail: '查看',
  },
  menu: { home: '首页', units: '单位管理', users: '用户管理', schemes: '评价方案', audit: '审计日志', system: '系统管理' },
  header: { logout: '退出登录', language: 'English', role: '角色', unit: '单位', menu: '菜单' },
  login: {
    title: '政务诚信评价平台', subtitle: '信用办 · 联络员 · 评审员 · 领导', userName: '用户名', password: '密码',
    submit: '登 录', expired: '登录已失效，请重新登录，正在编辑的内容不会丢失。', tooMany: '尝试过于频繁，请 {seconds} 秒后再试。',
    insecure: '当前连接未加密（http），密码和数据在网络上以明文传输，请仅在受信任的内网中使用。',
  },
  home: {
    welcome: '{name}，您好', roleLine: '{role} · {unit}', todo: '您可以做的事', counts: '概况',
    units: '单位', users: '用户', schemes: '评价方案', goUnits: '维护单位树与分类', goUsers: '管理账户、角色与权限范围',
    goSchemes: '查看评价指标体系与检查报告', goAudit: '查阅审计日志并校验审计链', noTasks: '评价批次上线后，待办事项将在此显示。',
  },
  unit: {
    tree: '单位树', name: '单位名称', code: '单位编码', level: '层级', class: '分类', parent: '上级单位', status: '状态',
    create: '新增单位', edit: '编辑单位', move: '调整上级', deactivate: '停用', activate: '启用', includeInactive: '含已停用',
    deactivateConfirm: '停用单位“{name}”？停用后不再参加新的评价批次。', moved: '已调整上级单位', noParent: '（无，顶级单位）',
    levels: { City: '市级', County: '县（区）级', Town: '乡镇（街道）', Village: '村（社区）', Department: '部门' },
  },
  user: {
    userName: '用户名', displayName: '姓名', role: '角色', unit: '所在单位', scope: '权限范围', scopeUnit: '范围单位',
    password: '初始密码', create: '新增用户', edit: '编辑用户', disable: '停用', enable: '启用', locked: '已锁定',
    disableConfirm: '停用用户“{name}”？其会话将随即失效。', resetPassword: '重置密码', newPassword: '新密码', passwordReset: '密码已重置',
    scopes: { OwnUnit: '本单位', Subtree: '本单位及下级', Campaigns: '指定评价批次' },
    roles: { 'office-admin': '信用办管理员', liaison: '联络员', 'data-provider': '信息来源部门', reviewer: '评审员', leader: '领导' },
  },
  scheme: {
    title: '方案名称', issuer: '发文单位', document: '文号', date: '日期', total: '总分', items: '指标数', classes: '适用类别',
    period: '周期', tree: '指标体系', lint: '检查报告', chart: '各类别分值', no: '序号', itemTitle: '指标', max: '分值',
    method: '考评方式', source: '数据来源', materials: '佐证材料', rule: '评分规则', bonus: '加分项', severity: '级别',
    code: '检查规则代码', message: '说明', position: '位置', resolved: '已处理', open: '待处理', resolution: '处理说明',
    severities: { Error: '错误', Warning: '警告', Note: '提示' },
    loadErrors: '以下方案文件未能加载', grades: '等次', vetoes: '一票否决',
    appliesTo: '适用单位', howScored: '平台计分方式', caps: '合并上限',
  },
  audit: auditZh,
  collect: collectZh,
  monitoring: monitoringZh,
  inbox: inboxZh,
  followUp: followUpZh,
  screening: screeningZh,
  survey: surveyZh,
  flow: flowZh,
  bulletin: bulletinZh,
  error: { network: '无法连接服务器。', notFound: '页面不存在', forbidden: '没有权限访问此页面' },
  ...campaignZh,
  ...wizardZh,
  ...results,
  ...shared,
  ...readyZh,
  ...unitPickerZh,
}
