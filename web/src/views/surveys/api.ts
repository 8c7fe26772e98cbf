// The satisfaction survey endpoints: a campaign's questionnaire, its units' links, progress, answer sheets, invitations and exports.
import { download, http, ok } from '@/api/client'
import type { components } from '@/api/generated/schema'

type S = components['schemas']
export type SurveyView = S['SurveyView']
export type SurveyProgressView = S['SurveyProgressView']
export type SurveyAnswerSheetView = S['SurveyAnswerSheetView']
export type SetUpSurveyRequest = S['SetUpSurveyRequest']
export type SatisfactionDefinition = S['SatisfactionDefinition']

const path = (campaignId: number) => ({ params: { path: { campaignId } } })

export const surveyApi = {
  campaigns: () => ok(http.GET('/api/campaigns')),
  survey: (campaignId: number) => ok(http.GET('/api/surveys/campaigns/{campaignId}', path(campaignId))),
  save: (campaignId: number, body: SetUpSurveyRequest) => ok(http.PUT('/api/surveys/campaigns/{campaignId}', { ...path(campaignId), body })),
  close: (campaignId: number, expectedVersion: number) =>
    ok(http.POST('/api/surveys/campaigns/{campaignId}/close', { ...path(campaignId), body: { expectedVersion } })),
  progress: (campaignId: number) => ok(http.GET('/api/surveys/campaigns/{campaignId}/progress', path(campaignId))),
  answers: (campaignId: number, unitId?: number) =>
    ok(http.GET('/api/surveys/campaigns/{campaignId}/answers', { params: { path: { campaignId }, query: { unitId } } })),
  discard: (campaignId: number, responseId: number, reason: string) =>
    ok(http.POST('/api/surveys/campaigns/{campaignId}/answers/{responseId}/discard', { params: { path: { campaignId, responseId } }, body: { reason } })),
  invite: (campaignId: number, unitId: number, count: number) =>
    ok(http.POST('/api/surveys/campaigns/{campaignId}/invitations', { ...path(campaignId), body: { unitId, count } })),
  exportAnswers: (campaignId: number) =>
    download(http.GET('/api/surveys/campaigns/{campaignId}/export', { ...path(campaignId), parseAs: 'blob' }), 'survey.xlsx'),
  exportInvitations: (campaignId: number) =>
    download(http.GET('/api/surveys/campaigns/{campaignId}/invitations/export', { ...path(campaignId), parseAs: 'blob' }), 'invitations.xlsx'),
}
