import type { RouteRecordRaw } from 'vue-router'

/** 监测: dishonesty lists with the candidate queue, and the register of complaints and negative public opinion. */
export const monitoringRoutes: RouteRecordRaw[] = [
  { path: 'monitoring/lists', name: 'monitoring-lists', component: () => import('./lists.vue'), meta: { title: 'monitoring.lists', permission: 'lists:read' } },
  { path: 'monitoring/events', name: 'monitoring-events', component: () => import('./events.vue'), meta: { title: 'monitoring.events', permission: 'events:read' } },
]
