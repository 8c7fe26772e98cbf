// The follow-up endpoints: work reminders, warnings and their rules, supervision orders with reply, verification, interview and referral.
import { download, http, ok, uploadBody } from '@/api/client'
import type { components } from '@/api/generated/schema'
import type { OrderDocumentKind, PrintFormat } from './print'

type S = components['schemas']
export type ReminderView = S['ReminderView']
export type WarningView = S['WarningView']
export type OrderView = S['OrderView']
export type OrderCaseView = S['OrderCaseView']
export type OrderStepView = S['OrderStepView']
export type OrderEvidenceView = S['OrderEvidenceView']
export type RuleView = S['RuleView']
export type RuleKind = RuleView['kind']

/** A table row as the type it is (Element Plus types its slot rows loosely). */
export const as = <T>(row: unknown) => row as T

const id = (value: number | string) => ({ params: { path: { id: Number(value) } } })

export const followUpApi = {
  reminders: () => ok(http.GET('/api/follow-up/reminders')),
  issueReminder: (unitIds: number[], title: string, content: string, expectedResponse: string, respondBy: string | null) =>
    ok(http.POST('/api/follow-up/reminders', { body: { unitIds, title, content, expectedResponse, respondBy } })),
  acknowledge: (reminderId: number, note: string, expectedVersion: number) =>
    ok(http.POST('/api/follow-up/reminders/{id}/acknowledge', { ...id(reminderId), body: { note, expectedVersion } })),
  warnings: () => ok(http.GET('/api/follow-up/warnings')),
  clearWarning: (warningId: number, reason: string, expectedVersion: number) =>
    ok(http.POST('/api/follow-up/warnings/{id}/clear', { ...id(warningId), body: { reason, expectedVersion } })),
  rules: () => ok(http.GET('/api/follow-up/rules')),
  createRule: (schemeFamily: string, kind: RuleKind, threshold: number) =>
    ok(http.POST('/api/follow-up/rules', { body: { schemeFamily, kind, threshold, isEnabled: true, expectedVersion: null } })),
  updateRule: (rule: RuleView, threshold: number, isEnabled: boolean) =>
    ok(http.PUT('/api/follow-up/rules/{id}', { ...id(rule.id), body: { schemeFamily: null, kind: null, threshold, isEnabled, expectedVersion: Number(rule.version) } })),
  runRules: () => ok(http.POST('/api/follow-up/rules/run')),
  orders: () => ok(http.GET('/api/follow-up/orders')),
  order: (orderId: number) => ok(http.GET('/api/follow-up/orders/{id}', id(orderId))),
  issueOrder: (unitId: number, problem: string, requirement: string, deadline: string) =>
    ok(http.POST('/api/follow-up/orders', { body: { unitId, problem, requirement, deadline, warningId: null } })),
  uploadEvidence: (orderId: number, file: File, onProgress: (percent: number) => void) =>
    ok(http.POST('/api/follow-up/orders/{id}/evidence', { params: { path: { id: orderId }, query: { fileName: file.name } }, ...uploadBody(file, onProgress) })),
  downloadEvidence: (orderId: number, evidence: OrderEvidenceView) =>
    download(http.GET('/api/follow-up/orders/{id}/evidence/{evidenceId}', {
      params: { path: { id: orderId, evidenceId: Number(evidence.id) } }, parseAs: 'blob',
    }), evidence.fileName),
  reply: (orderId: number, report: string, expectedVersion: number) =>
    ok(http.POST('/api/follow-up/orders/{id}/reply', { ...id(orderId), body: { report, expectedVersion } })),
  verify: (orderId: number, passed: boolean, reason: string, expectedVersion: number) =>
    ok(http.POST('/api/follow-up/orders/{id}/verify', { ...id(orderId), body: { passed, reason, expectedVersion } })),
  interview: (orderId: number, body: { heldAt: string; attendees: string; minutes: string; commitments: string; newDeadline: string }, expectedVersion: number) =>
    ok(http.POST('/api/follow-up/orders/{id}/interview', { ...id(orderId), body: { ...body, expectedVersion } })),
  refer: (orderId: number, referredTo: string, reason: string, expectedVersion: number) =>
    ok(http.POST('/api/follow-up/orders/{id}/referral', { ...id(orderId), body: { referredTo, reason, expectedVersion } })),
  printOrder: (order: OrderView, kind: OrderDocumentKind, format: PrintFormat) =>
    download(http.GET('/api/follow-up/orders/{id}/document', {
      params: { path: { id: Number(order.id) }, query: { kind, format } }, parseAs: 'blob',
    }), `${order.number}.${format}`),
  printReminder: (reminder: ReminderView, format: PrintFormat) =>
    download(http.GET('/api/follow-up/reminders/{id}/document', {
      params: { path: { id: Number(reminder.id) }, query: { format } }, parseAs: 'blob',
    }), `${reminder.number}.${format}`),
}
