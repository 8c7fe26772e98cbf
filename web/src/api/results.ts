// The results, publication, appeals, exports and dashboard endpoints, typed from the generated schema.
import type { components } from './generated/schema'
import { api, download } from './client'

type S = components['schemas']
export type CampaignResponse = S['CampaignResponse']
export type CampaignState = S['CampaignState']
export type CampaignResultView = S['CampaignResultView']
export type UnitResultView = S['UnitResultView']
export type ItemResultView = S['ItemResultView']
/** What the office publishes to everyone: totals, grades and ranks (item scores only when the scheme says so). */
export type PublicCampaignResultView = S['PublicCampaignResultView']
export type PublicUnitResultView = S['PublicUnitResultView']
export type PublicationView = S['PublicationView']
export type PublicationReceipt = S['PublicationReceipt']
export type CampaignAppealView = S['CampaignAppealView']
export type AppealView = S['AppealView']
export type AppealState = S['AppealState']
export type CampaignDashboardView = S['CampaignDashboardView']
export type UnitTrendView = S['UnitTrendView']

type Id = number | string

export const resultsApi = {
  campaigns: () => api<CampaignResponse[]>('GET', '/api/campaigns'),
  campaign: (id: Id) => api<CampaignResponse>('GET', `/api/campaigns/${id}`),
  results: (id: Id) => api<CampaignResultView>('GET', `/api/campaigns/${id}/results`),
  publicResults: (id: Id) => api<PublicCampaignResultView>('GET', `/api/public/campaigns/${id}/results`, { noRelogin: true }),
  publication: (id: Id) => api<PublicationView>('GET', `/api/campaigns/${id}/publication`),
  requestPublication: (id: Id) => api<CampaignResponse>('POST', `/api/campaigns/${id}/publication/request`),
  approvePublication: (id: Id) => api<PublicationReceipt>('POST', `/api/campaigns/${id}/publication/approve`),
  rejectPublication: (id: Id, reason: string) => api<CampaignResponse>('POST', `/api/campaigns/${id}/publication/reject`, { body: { reason } }),
  appeals: (id: Id) => api<CampaignAppealView[]>('GET', `/api/campaigns/${id}/appeals`),
  unitAppeals: (id: Id, unitId: Id) => api<AppealView[]>('GET', `/api/campaigns/${id}/units/${unitId}/appeals`),
  fileAppeal: (id: Id, unitId: Id, itemId: string | null, grounds: string) =>
    api<AppealView>('POST', `/api/campaigns/${id}/units/${unitId}/appeals`, { body: { itemId, grounds } }),
  upholdAppeal: (id: Id, appealId: Id, text: string) => api<AppealView>('POST', `/api/campaigns/${id}/appeals/${appealId}/uphold`, { body: { text } }),
  rejectAppeal: (id: Id, appealId: Id, text: string) => api<AppealView>('POST', `/api/campaigns/${id}/appeals/${appealId}/reject`, { body: { text } }),
  dashboard: (id: Id) => api<CampaignDashboardView>('GET', `/api/dashboard/campaigns/${id}`),
  trend: (unitId: Id, scheme: string) => api<UnitTrendView>('GET', `/api/units/${unitId}/trend`, { query: { scheme } }),
  exportRanking: (id: Id) => download(`/api/exports/campaigns/${id}/ranking`, `ranking-${id}.xlsx`),
  exportScoreSheet: (id: Id, unitId?: Id) =>
    download(`/api/exports/campaigns/${id}/score-sheet${unitId === undefined ? '' : `?unitId=${unitId}`}`, `score-sheet-${id}.xlsx`),
  exportAppeals: (id: Id) => download(`/api/exports/campaigns/${id}/appeals`, `appeals-${id}.xlsx`),
}
