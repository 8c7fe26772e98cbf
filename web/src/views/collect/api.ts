// The collection endpoints (liaison table, commitment letter, provider grid) and their generated types.
import { api, download } from '@/api/client'
import type { components } from '@/api/generated/schema'
import { ApiError } from '@/utils/problem'
import type { ProblemDetails } from '@/api/types'

type S = components['schemas']
export type LiaisonTableView = S['LiaisonTableView']
export type LiaisonTableRequest = S['LiaisonTableRequest']
export type CommitmentLetterView = S['CommitmentLetterView']
export type LetterScanReceipt = S['LetterScanReceipt']
export type ProviderGridView = S['ProviderGridView']
export type ProviderGridColumn = S['ProviderGridColumn']
export type ProviderGridRow = S['ProviderGridRow']
export type ProviderCellRequest = S['ProviderCellRequest']
export type CampaignResponse = S['CampaignResponse']

const unitUrl = (campaignId: string, unitId: number | string) => `/api/campaigns/${campaignId}/units/${unitId}`

export const collectApi = {
  campaigns: () => api<CampaignResponse[]>('GET', '/api/campaigns'),
  campaign: (id: string) => api<CampaignResponse>('GET', `/api/campaigns/${id}`),
  liaisonTable: (id: string, unitId: number | string) => api<LiaisonTableView>('GET', `${unitUrl(id, unitId)}/liaison-table`),
  saveLiaisonTable: (id: string, unitId: number | string, body: LiaisonTableRequest) =>
    api<LiaisonTableView>('PUT', `${unitUrl(id, unitId)}/liaison-table`, { body }),
  letter: (id: string, unitId: number | string) => api<CommitmentLetterView>('GET', `${unitUrl(id, unitId)}/commitment-letter`),
  acceptLetter: (id: string, unitId: number | string) => api<CommitmentLetterView>('POST', `${unitUrl(id, unitId)}/commitment-letter/accept`),
  liaisonTables: (id: string) => api<LiaisonTableView[]>('GET', `/api/campaigns/${id}/liaison-tables`),
  exportLiaisonTables: (id: string) => download(`/api/campaigns/${id}/liaison-tables/export`, `liaison-tables-${id}.xlsx`),
  letters: (id: string) => api<CommitmentLetterView[]>('GET', `/api/campaigns/${id}/commitment-letters`),
  grid: (id: string) => api<ProviderGridView>('GET', `/api/campaigns/${id}/provider-grid`),
  saveCells: (id: string, cells: ProviderCellRequest[]) => api<ProviderGridView>('PUT', `/api/campaigns/${id}/provider-grid/cells`, { body: { cells } }),
  exportGrid: (id: string) => download(`/api/campaigns/${id}/provider-grid/export`, `provider-grid-${id}.xlsx`),
  importGrid: (id: string, file: Blob) => api<ProviderGridView>('POST', `/api/campaigns/${id}/provider-grid/import`, { file }),
  submitGrid: (id: string) => api<ProviderGridView>('POST', `/api/campaigns/${id}/provider-grid/submit`),
}

async function antiforgery(): Promise<string> {
  // The same token the API client uses; fetched here because the upload goes through XMLHttpRequest for its progress events.
  const r = await fetch('/api/auth/antiforgery', { credentials: 'same-origin' })
  if (!r.ok) throw new ApiError(r.status, null, null)
  return ((await r.json()) as { token: string }).token
}

/** Uploads the signed and stamped scan with progress (fetch has no upload progress), answering the letter with its receipt. */
export async function uploadScan(campaignId: string, unitId: number | string, file: File, onProgress: (percent: number) => void): Promise<CommitmentLetterView> {
  const token = await antiforgery()
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${unitUrl(campaignId, unitId)}/commitment-letter/scan?fileName=${encodeURIComponent(file.name)}`)
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
    xhr.setRequestHeader('X-XSRF-TOKEN', token)
    xhr.withCredentials = true
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      let body: unknown = null
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        body = null
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as CommitmentLetterView)
      else reject(new ApiError(xhr.status, body as ProblemDetails | null, null))
    }
    xhr.onerror = () => reject(new ApiError(0, null, null))
    xhr.send(file)
  })
}

/** Every message of a problem (an import lists one per bad cell), for a list rather than one run-on sentence. */
export function problemLines(e: unknown): string[] {
  if (e instanceof ApiError) {
    const lines = Object.values(e.problem?.errors ?? {}).flat()
    return lines.length > 0 ? lines : [e.message]
  }
  return [String(e)]
}
