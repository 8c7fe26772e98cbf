// Bulletins (通报): generated from published results as Word or PDF, the default templates, the public PDF.
import { i18n } from '@/i18n'
import { download, http } from './client'

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

export type BulletinFormat = 'docx' | 'pdf'

export interface BulletinOptions {
  format: BulletinFormat
  number?: string
  addressee?: string
  copyTo?: string
  /** The office's own Word template; Word format only. */
  template?: Blob | null
}

export interface PeriodBulletinOptions {
  campaignIds: number[]
  /** The span as the office names it (a quarter, a year); empty: named from the periods chosen. */
  title?: string
  format: BulletinFormat
  number?: string
  addressee?: string
  copyTo?: string
}

export const bulletinKinds = ['lists', 'taskforce', 'grades'] as const

export const bulletinsApi = {
  generate: (id: number | string, o: BulletinOptions) =>
    download(
      http.POST('/api/bulletins/campaigns/{id}', {
        params: { path: { id: Number(id) }, query: { format: o.format, number: o.number || undefined, addressee: o.addressee || undefined, copyTo: o.copyTo || undefined } },
        // The template is the request body as it is (the OpenAPI document declares binary bodies as string); none is an empty body.
        body: (o.template && o.format === 'docx' ? o.template : new Blob([])) as unknown as string,
        bodySerializer: (b: unknown) => b as Blob,
        headers: { 'Content-Type': docxType },
        parseAs: 'blob',
      }) as Promise<{ data?: Blob; response: Response }>,
      `${i18n.global.t('bulletin.fileName', { id })}.${o.format}`,
    ),
  period: (o: PeriodBulletinOptions) =>
    download(
      http.POST('/api/bulletins/periods', {
        body: {
          campaignIds: o.campaignIds, title: o.title || null, format: o.format, number: o.number || null, addressee: o.addressee || null,
          copyTo: o.copyTo || null,
        },
        parseAs: 'blob',
      }) as Promise<{ data?: Blob; response: Response }>,
      `${i18n.global.t('bulletin.periodFileName')}.${o.format}`,
    ),
  template: (kind: string) =>
    download(http.GET('/api/bulletins/templates/{kind}', { params: { path: { kind } }, parseAs: 'blob' }), `${kind}.docx`),
  publicPdfUrl: (id: number | string) => `/api/public/campaigns/${String(id)}/bulletin`,
}
