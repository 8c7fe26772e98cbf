import type { RouteRecordRaw } from 'vue-router'

/** The monitoring pages (监测), children of the main layout. */
export const monitoringRoutes: RouteRecordRaw[] = [
  { path: 'disclosures', name: 'disclosures', component: () => import('./disclosures.vue'), meta: { title: 'monitoring.disclosures', permission: 'disclosure:read' } },
]
