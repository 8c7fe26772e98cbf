// The 双公示 endpoints: uploads with their refused rows, per-department statistics with the drill-down, the office's settings.
import { download, http, ok, uploadBody } from '@/api/client'
import type { SaveDisclosureSettingsRequest } from '@/api/types'

const period = (from: string, to: string) => ({ from, to })

export const disclosureApi = {
  upload: (file: File, allOrNothing: boolean, onProgress: (percent: number) => void) =>
    ok(http.POST('/api/disclosures/uploads', { params: { query: { fileName: file.name, allOrNothing } }, ...uploadBody(file, onProgress) })),
  uploads: () => ok(http.GET('/api/disclosures/uploads')),
  upload1: (id: number) => ok(http.GET('/api/disclosures/uploads/{id}', { params: { path: { id } } })),
  exportRejections: (id: number) =>
    download(http.GET('/api/disclosures/uploads/{id}/rejections.xlsx', { params: { path: { id } }, parseAs: 'blob' }), 'rejections.xlsx'),
  statistics: (from: string, to: string) => ok(http.GET('/api/disclosures/statistics', { params: { query: period(from, to) } })),
  records: (unitId: number, from: string, to: string) =>
    ok(http.GET('/api/disclosures/records', { params: { query: { unitId, ...period(from, to) } } })),
  finding: (id: number, reason: string) => ok(http.POST('/api/disclosures/records/{id}/finding', { params: { path: { id } }, body: { reason } })),
  settings: () => ok(http.GET('/api/disclosures/settings')),
  saveSettings: (body: SaveDisclosureSettingsRequest) => ok(http.PUT('/api/disclosures/settings', { body })),
}
