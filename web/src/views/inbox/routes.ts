import type { RouteRecordRaw } from 'vue-router'

/** The inbox (every role) and the office's outbound channels with their failed deliveries. */
export const inboxRoutes: RouteRecordRaw[] = [
  { path: 'inbox', name: 'inbox', component: () => import('./index.vue'), meta: { title: 'inbox.title', permission: 'inbox:read' } },
  { path: 'inbox/channels', name: 'inbox-channels', component: () => import('./channels.vue'), meta: { title: 'inbox.channels', permission: 'notification:channels' } },
]
