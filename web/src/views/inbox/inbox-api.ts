// The inbox and the office's outbound channels.
import { http, ok } from '@/api/client'
import type { components } from '@/api/generated/schema'

type S = components['schemas']
export type InboxItemView = S['InboxItemView']
export type ChannelView = S['ChannelView']
export type ChannelRequest = S['ChannelRequest']
export type DeliveryView = S['DeliveryView']

type Id = number | string

/** A table row as the type it is (Element Plus types its slot rows loosely). */
export const as = <T>(row: unknown) => row as T
const id = (value: Id) => ({ params: { path: { id: Number(value) } } })

export const inboxApi = {
  list: (page: number, pageSize: number) => ok(http.GET('/api/inbox', { params: { query: { page, pageSize } } })),
  unread: () => ok(http.GET('/api/inbox/unread-count')),
  read: (itemId: Id) => ok(http.POST('/api/inbox/{id}/read', id(itemId))),
  readAll: () => ok(http.POST('/api/inbox/read-all')),
  channels: () => ok(http.GET('/api/notifications/channels')),
  createChannel: (body: ChannelRequest) => ok(http.POST('/api/notifications/channels', { body })),
  updateChannel: (channelId: Id, body: ChannelRequest) => ok(http.PUT('/api/notifications/channels/{id}', { ...id(channelId), body })),
  testChannel: (channelId: Id, address: string | null) =>
    ok(http.POST('/api/notifications/channels/{id}/test', { ...id(channelId), body: { address } })),
  deliveries: (failedOnly: boolean) => ok(http.GET('/api/notifications/deliveries', { params: { query: { failedOnly } } })),
  retry: (deliveryId: Id) => ok(http.POST('/api/notifications/deliveries/{id}/retry', id(deliveryId))),
}
