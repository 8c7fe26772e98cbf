// The inbox and the office's outbound channels.
export default {
  title: 'Inbox', bell: 'Messages', summary: '{total} messages, {unread} unread', readAll: 'Mark all read', empty: 'No messages',
  kind: 'Kind', subject: 'Subject', receivedAt: 'Received', state: 'State', read: 'Read', unread: 'Unread',
  kinds: {
    returned: 'Returned', submitted: 'Submitted', publication: 'To approve', published: 'Published', reminder: 'Reminder', warning: 'Warning',
    supervision: 'Supervision', interview: 'Interview', referral: 'Referral', other: 'Notice',
  },
  channels: 'Outbound channels', channelsHint: 'Besides the inbox, messages can go out by e-mail or to a WeCom or DingTalk group robot; a failed delivery never blocks the action, and can be sent again below.',
  addWebhook: 'Add group robot', addEmail: 'Add e-mail channel', noChannels: 'No outbound channel yet', channelName: 'Name', channelKind: 'Kind',
  channelKinds: { email: 'E-mail', webhook: 'Group robot' }, target: 'Sends to', queue: 'Pending / failed', queueCounts: '{pending} / {failed}',
  updated: 'Last changed', test: 'Send a test', emailChannel: 'E-mail channel', webhookChannel: 'Group robot (WeCom, DingTalk)',
  smtpHost: 'SMTP server', smtpPort: 'Port', smtpSecurity: 'Security', security: { ssl: 'SSL/TLS', starttls: 'STARTTLS', none: 'None' },
  senderAddress: 'Sender address', smtpUserName: 'User name', password: 'Password', signSecret: 'Signing secret (DingTalk)',
  webhookUrl: 'Robot URL', webhookKeyword: 'Keyword', secretKept: 'Saved; leave empty to keep it',
  secretHint: 'Stored encrypted on the server and never shown again.', clearSecret: 'Remove the saved password or secret',
  testAddress: 'Send to', testAddressHint: 'Empty: your own account\'s e-mail', testWebhook: 'A test message goes to the robot\'s group.',
  sendTest: 'Send', testDelivered: 'The test message was delivered',
  deliveries: 'Deliveries', failedOnly: 'Failed only', noDeliveries: 'No failed deliveries', createdAt: 'Queued', recipient: 'Recipient',
  group: 'Group', attempts: 'Attempts', lastError: 'Why it failed', retry: 'Send again', retried: 'Queued again',
}
