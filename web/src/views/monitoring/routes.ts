import type { RouteRecordRaw } from 'vue-router'

/** Monitoring: the two-publicity (licensing and penalty) records, dishonesty lists with the candidate queue, and the register of complaints and negative public opinion. */
export const monitoringRoutes: RouteRecordRaw[] = [
  { path: 'disclosures', name: 'disclosures', component: () => import('./disclosures.vue'), meta: { title: 'monitoring.disclosures', permission: 'disclosure:read' } },
  { path: 'monitoring/lists', name: 'monitoring-lists', component: () => import('./lists.vue'), meta: { title: 'screening.lists', permission: 'lists:read' } },
  { path: 'monitoring/events', name: 'monitoring-events', component: () => import('./events.vue'), meta: { title: 'screening.events', permission: 'events:read' } },
]
