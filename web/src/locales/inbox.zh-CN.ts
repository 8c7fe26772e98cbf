// The inbox (我的消息) and the office's outbound channels (外发通道).
export default {
  title: '我的消息', bell: '消息', summary: '共 {total} 条，未读 {unread} 条', readAll: '全部标为已读', empty: '暂无消息',
  kind: '类别', subject: '标题', receivedAt: '收到时间', state: '状态', read: '已读', unread: '未读',
  kinds: {
    returned: '退回补充', submitted: '报送', publication: '待审核', published: '结果发布', reminder: '提示单', warning: '预警',
    supervision: '督办', interview: '约谈', referral: '问责线索', other: '通知',
  },
  channels: '外发通道', channelsHint: '消息除站内外，还可经邮件或企业微信、钉钉群机器人送达；发送失败不影响业务操作，可在下方查看并重新发送。',
  addWebhook: '新增群机器人', addEmail: '新增邮件通道', noChannels: '尚未配置外发通道', channelName: '通道名称', channelKind: '类型',
  channelKinds: { email: '电子邮件', webhook: '群机器人' }, target: '发送至', queue: '待发 / 失败', queueCounts: '{pending} / {failed}',
  updated: '最近修改', test: '发送测试', emailChannel: '邮件通道', webhookChannel: '群机器人（企业微信、钉钉）',
  smtpHost: '邮件服务器', smtpPort: '端口', smtpSecurity: '加密方式', security: { ssl: 'SSL/TLS', starttls: 'STARTTLS', none: '不加密' },
  senderAddress: '发件人地址', smtpUserName: '登录用户名', password: '登录密码', signSecret: '加签密钥（钉钉）',
  webhookUrl: '机器人地址', webhookKeyword: '安全关键词', secretKept: '已保存，留空则不变',
  secretHint: '密码加密保存在服务器上，不会再显示。', clearSecret: '清除已保存的密码或密钥',
  testAddress: '收件地址', testAddressHint: '留空则发到本人账户的邮箱', testWebhook: '将向该机器人所在群发送一条测试消息。',
  sendTest: '发送', testDelivered: '测试消息已送达',
  deliveries: '外发记录', failedOnly: '只看发送失败', noDeliveries: '没有发送失败的消息', createdAt: '生成时间', recipient: '收件人',
  group: '群', attempts: '已尝试', lastError: '失败原因', retry: '重新发送', retried: '已重新排入发送队列',
}
