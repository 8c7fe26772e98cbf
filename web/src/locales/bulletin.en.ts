// Bulletins: the dialog on the results and period pages, and the public page's PDF; registered in en.ts.
import type zh from './bulletin.zh-CN'

const en: typeof zh = {
  button: 'Bulletin',
  title: 'Generate a bulletin',
  format: 'Format',
  word: 'Word (editable)',
  pdf: 'PDF',
  number: 'Document number',
  numberPlaceholder: 'e.g. Office (2026) No. 3',
  addressee: 'To',
  addresseePlaceholder: 'e.g. all towns and departments',
  copyTo: 'Copy to',
  template: 'Own template',
  templateHint: 'Optional. Upload the office\'s edited Word template (.docx); see a default template for the placeholders. Word format only.',
  chooseTemplate: 'Choose template file',
  defaultTemplates: 'Default templates:',
  kinds: { lists: 'Red, blue and yellow lists', taskforce: 'Task force', grades: 'Grades and ranking' },
  generate: 'Generate and download',
  generated: 'The bulletin was generated and recorded in the audit log.',
  unpublished: 'A bulletin can be generated once the results are published.',
  publicPdf: 'Download the bulletin (PDF)',
  fileName: 'bulletin-{id}',
}
export default en
