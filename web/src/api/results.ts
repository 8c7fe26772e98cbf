// The results, publication, appeals, exports and dashboard endpoints.
import { i18n } from '@/i18n'
import { download, http, ok } from './client'

type Id = number | string
const n = Number

export const resultsApi = {
  campaigns: () => ok(http.GET('/api/campaigns')),
  campaign: (id: Id) => ok(http.GET('/api/campaigns/{id}', { params: { path: { id: n(id) } } })),
  results: (id: Id) => ok(http.GET('/api/campaigns/{id}/results', { params: { path: { id: n(id) } } })),
  /** One page of the ranking table in rank order: one class or all, a name search; the answer counts the lines and the classes. */
  ranking: (id: Id, query?: { offset?: number; limit?: number; schemeClass?: string; q?: string }) =>
    ok(http.GET('/api/campaigns/{id}/results/ranking', { params: { path: { id: n(id) }, query } })),
  unitResult: (id: Id, unitId: Id) =>
    ok(http.GET('/api/campaigns/{id}/results/units/{unitId}', { params: { path: { id: n(id), unitId: n(unitId) } } })),
  publication: (id: Id) => ok(http.GET('/api/campaigns/{id}/publication', { params: { path: { id: n(id) } } })),
  requestPublication: (id: Id) => ok(http.POST('/api/campaigns/{id}/publication/request', { params: { path: { id: n(id) } } })),
  approvePublication: (id: Id) => ok(http.POST('/api/campaigns/{id}/publication/approve', { params: { path: { id: n(id) } } })),
  rejectPublication: (id: Id, reason: string) =>
    ok(http.POST('/api/campaigns/{id}/publication/reject', { params: { path: { id: n(id) } }, body: { reason } })),
  appeals: (id: Id) => ok(http.GET('/api/campaigns/{campaignId}/appeals', { params: { path: { campaignId: n(id) } } })),
  unitAppeals: (id: Id, unitId: Id) =>
    ok(http.GET('/api/campaigns/{campaignId}/units/{unitId}/appeals', { params: { path: { campaignId: n(id), unitId: n(unitId) } } })),
  fileAppeal: (id: Id, unitId: Id, itemId: string | null, grounds: string) =>
    ok(http.POST('/api/campaigns/{campaignId}/units/{unitId}/appeals', { params: { path: { campaignId: n(id), unitId: n(unitId) } }, body: { itemId, grounds } })),
  upholdAppeal: (id: Id, appealId: Id, text: string) =>
    ok(http.POST('/api/campaigns/{campaignId}/appeals/{appealId}/uphold', { params: { path: { campaignId: n(id), appealId: n(appealId) } }, body: { text } })),
  rejectAppeal: (id: Id, appealId: Id, text: string) =>
    ok(http.POST('/api/campaigns/{campaignId}/appeals/{appealId}/reject', { params: { path: { campaignId: n(id), appealId: n(appealId) } }, body: { text } })),
  dashboard: (id: Id) => ok(http.GET('/api/dashboard/campaigns/{id}', { params: { path: { id: n(id) } } })),
  trend: (unitId: Id, scheme: string) => ok(http.GET('/api/units/{unitId}/trend', { params: { path: { unitId: n(unitId) }, query: { scheme } } })),
  exportRanking: (id: Id) =>
    download(http.GET('/api/exports/campaigns/{id}/ranking', { params: { path: { id: n(id) } }, parseAs: 'blob' }), i18n.global.t('exportFiles.ranking', { id })),
  exportScoreSheet: (id: Id, unitId?: Id) =>
    download(
      http.GET('/api/exports/campaigns/{id}/score-sheet', { params: { path: { id: n(id) }, query: { unitId } }, parseAs: 'blob' }),
      i18n.global.t('exportFiles.scoreSheet', { id }),
    ),
  exportAppeals: (id: Id) =>
    download(http.GET('/api/exports/campaigns/{id}/appeals', { params: { path: { id: n(id) } }, parseAs: 'blob' }), i18n.global.t('exportFiles.appeals', { id })),
}
