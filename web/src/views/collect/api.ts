// The collection endpoints: liaison table, commitment letter and the data provider's grid.
import { download, http, ok, uploadBody, workbookBody } from '@/api/client'
import type { ProviderCellRequest, LiaisonTableRequest } from '@/api/types'

type Id = number | string
const unit = (campaignId: Id, unitId: Id) => ({ params: { path: { campaignId: Number(campaignId), unitId: Number(unitId) } } })
const campaign = (id: Id) => ({ params: { path: { id: Number(id) } } })

export const collectApi = {
  campaigns: () => ok(http.GET('/api/campaigns')),
  campaign: (id: Id) => ok(http.GET('/api/campaigns/{id}', campaign(id))),
  liaisonTable: (id: Id, unitId: Id) => ok(http.GET('/api/campaigns/{campaignId}/units/{unitId}/liaison-table', unit(id, unitId))),
  saveLiaisonTable: (id: Id, unitId: Id, body: LiaisonTableRequest) =>
    ok(http.PUT('/api/campaigns/{campaignId}/units/{unitId}/liaison-table', { ...unit(id, unitId), body })),
  letter: (id: Id, unitId: Id) => ok(http.GET('/api/campaigns/{campaignId}/units/{unitId}/commitment-letter', unit(id, unitId))),
  acceptLetter: (id: Id, unitId: Id) => ok(http.POST('/api/campaigns/{campaignId}/units/{unitId}/commitment-letter/accept', unit(id, unitId))),
  /** Uploads the signed and stamped scan with progress, answering the letter with its receipt. */
  uploadScan: (id: Id, unitId: Id, file: File, onProgress: (percent: number) => void) =>
    ok(http.POST('/api/campaigns/{campaignId}/units/{unitId}/commitment-letter/scan', {
      params: { ...unit(id, unitId).params, query: { fileName: file.name } },
      ...uploadBody(file, onProgress),
    })),
  liaisonTables: (id: Id) => ok(http.GET('/api/campaigns/{id}/liaison-tables', campaign(id))),
  exportLiaisonTables: (id: Id) =>
    download(http.GET('/api/campaigns/{id}/liaison-tables/export', { ...campaign(id), parseAs: 'blob' }), `liaison-tables-${id}.xlsx`),
  letters: (id: Id) => ok(http.GET('/api/campaigns/{id}/commitment-letters', campaign(id))),
  grid: (id: Id) => ok(http.GET('/api/campaigns/{id}/provider-grid', campaign(id))),
  saveCells: (id: Id, cells: ProviderCellRequest[], allOrNothing = false) =>
    ok(http.PUT('/api/campaigns/{id}/provider-grid/cells', { ...campaign(id), body: { cells, allOrNothing } })),
  exportGrid: (id: Id) => download(http.GET('/api/campaigns/{id}/provider-grid/export', { ...campaign(id), parseAs: 'blob' }), `provider-grid-${id}.xlsx`),
  importGrid: (id: Id, file: Blob, allOrNothing = false) =>
    ok(http.POST('/api/campaigns/{id}/provider-grid/import', { params: { path: { id: Number(id) }, query: { allOrNothing } }, ...workbookBody(file) })),
  submitGrid: (id: Id) => ok(http.POST('/api/campaigns/{id}/provider-grid/submit', campaign(id))),
}
