import type zh from './survey.zh-CN'

export default {
  menu: 'Satisfaction surveys', campaign: 'Campaign', setup: 'Questionnaire', links: 'Links and QR codes', progress: 'Progress and results', sheets: 'Answer sheets',
  noItems: 'The scheme of this campaign has no item measured by questionnaire; no survey is needed.',
  title: 'Title', intro: 'Introduction', question: 'Question {no}', measures: 'Item: {item}', points: 'Points per level', definition: 'Satisfaction is',
  minimumSample: 'Minimum sample', minimumHint: 'Units below it are marked insufficient and go to a reviewer', comment: 'Open comments',
  opensAt: 'Opens', closesAt: 'Closes', baseAddress: 'Public address', baseAddressHint: 'e.g. https://xyb.example.gov.cn; empty: the address in use now',
  closeEarly: 'Close now', closed: 'The survey is closed', unit: 'Unit', qr: 'QR code', link: 'Address', poster: 'Print A4 poster', answers: 'Sheets',
  invitations: 'Invitations', invitationCount: '{total} made, {used} used', invite: 'Make', invited: '{count} invitation codes made',
  exportInvitations: 'Export invitations', linksHint: 'QR codes and posters are for service halls; invitation codes for targeted samples, one answer each.',
  export: 'Export sheets and results', total: '{answers} sheets, {discarded} discarded', item: 'Item', validAnswers: 'Valid sheets', satisfaction: 'Satisfaction',
  insufficient: 'Sample too small', explanation: 'How', answeredAt: 'Answered', levels: 'Answers', commentColumn: 'Comment', valid: 'Valid',
  discardedWith: 'Discarded: {reason}', discard: 'Discard', discardTitle: 'Discard a sheet', reason: 'Reason', discarded: 'Sheet discarded',
} satisfies typeof zh
