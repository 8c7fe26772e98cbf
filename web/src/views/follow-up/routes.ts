import type { RouteRecordRaw } from 'vue-router'

/** Follow-up: supervision orders on the public list with their case, and work reminders, warnings and the office's rules. */
export const followUpRoutes: RouteRecordRaw[] = [
  { path: 'follow-up/orders', name: 'follow-up-orders', component: () => import('./orders.vue'), meta: { title: 'followUp.orders', permission: 'follow-up:read' } },
  { path: 'follow-up/reminders', name: 'follow-up-reminders', component: () => import('./reminders.vue'), meta: { title: 'followUp.remindersMenu', permission: 'follow-up:read' } },
]
