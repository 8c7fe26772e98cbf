// The monitoring endpoints: dishonesty lists (snapshots, screening, the candidate queue, persons) and the event register.
import { http, ok, uploadBody } from '@/api/client'
import type { components } from '@/api/generated/schema'

type S = components['schemas']
export type ListSnapshotView = S['ListSnapshotView']
export type ScreeningHitView = S['ScreeningHitView']
export type ScreeningResult = S['ScreeningResult']
export type ScreenedPersonView = S['ScreenedPersonView']
export type EventView = S['EventView']
export type UnitPopulationView = S['UnitPopulationView']
export type HitState = ScreeningHitView['state']
export type EventKind = EventView['kind']
export type EventState = EventView['state']

/** The values the server takes for a person's kind and an event's category (Chinese words, shown as they are). */
/** A table row as the type it is (Element Plus types its slot rows loosely). */
export const as = <T>(row: unknown) => row as T

export { eventCategories, joinReasons } from '@/locales/vocabulary'

type Id = number | string
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A table file goes up under its own media type (the endpoints accept workbooks and CSV, nothing else): a CSV by its name or
 * the type the browser gave it, anything else as a workbook. Progress comes from the upload transport.
 */
export const tableBody = (file: File, onProgress: (percent: number) => void) => ({
  ...uploadBody(file, onProgress),
  headers: { 'Content-Type': file.name.toLowerCase().endsWith('.csv') || file.type === 'text/csv' ? 'text/csv' : xlsxType },
})
const id = (value: Id) => ({ params: { path: { id: Number(value) } } })

export const monitoringApi = {
  snapshots: () => ok(http.GET('/api/lists/snapshots')),
  importSnapshot: (file: File, listKind: string, source: string, snapshotDate: string, onProgress: (percent: number) => void) =>
    ok(http.POST('/api/lists/snapshots/import', {
      params: { query: { listKind, source, snapshotDate, fileName: file.name } },
      ...tableBody(file, onProgress),
    })),
  screen: (snapshotId: Id) => ok(http.POST('/api/lists/snapshots/{id}/screen', id(snapshotId))),
  hits: (state?: HitState) => ok(http.GET('/api/lists/hits', { params: { query: state ? { state } : {} } })),
  confirmHit: (hitId: Id, reason: string, expectedVersion: number) =>
    ok(http.POST('/api/lists/hits/{id}/confirm', { ...id(hitId), body: { reason, expectedVersion } })),
  dismissHit: (hitId: Id, reason: string, expectedVersion: number) =>
    ok(http.POST('/api/lists/hits/{id}/dismiss', { ...id(hitId), body: { reason, expectedVersion } })),
  persons: () => ok(http.GET('/api/lists/persons')),
  addPerson: (body: { unitId: number; name: string; idNumber: string; reason: string; joinedOn: string }) =>
    ok(http.POST('/api/lists/persons', { body })),
  importPersons: (file: File, onProgress: (percent: number) => void) =>
    ok(http.POST('/api/lists/persons/import', { ...tableBody(file, onProgress) })),
  populations: () => ok(http.GET('/api/units/populations')),
  setPopulation: (unitId: Id, population: number | null) =>
    ok(http.PUT('/api/units/{id}/population', { ...id(unitId), body: { population } })),
  events: (kind?: EventKind, state?: EventState) =>
    ok(http.GET('/api/events', { params: { query: { ...(kind ? { kind } : {}), ...(state ? { state } : {}) } } })),
  record: (body: { kind: EventKind; source: string; occurredOn: string; content: string; category: string; unitIds: number[] }) =>
    ok(http.POST('/api/events', { body })),
  verify: (eventId: Id, confirmed: boolean, reason: string, expectedVersion: number) =>
    ok(http.POST('/api/events/{id}/verify', { ...id(eventId), body: { confirmed, reason, expectedVersion } })),
  importEvents: (file: File, onProgress: (percent: number) => void) =>
    ok(http.POST('/api/events/import', { ...tableBody(file, onProgress) })),
}

/** A refused file's rows as a table: field `row12` and its messages become { row: 12, reason }. */
export function rowErrors(errors: Record<string, string[] | undefined> | undefined): { row: string; reason: string }[] {
  return Object.entries(errors ?? {}).flatMap(([field, messages]) =>
    (messages ?? []).map((reason) => ({ row: field.startsWith('row') ? field.slice(3) : '', reason })))
}
