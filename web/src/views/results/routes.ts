import type { RouteRecordRaw } from 'vue-router'

/** The results pages inside the signed-in layout. */
export const resultRoutes: RouteRecordRaw[] = [
  { path: 'results', name: 'results', component: () => import('./index.vue'), meta: { title: 'results.list', permission: 'campaign:read' } },
  { path: 'campaigns/:id/results', name: 'campaign-results', component: () => import('./detail.vue'), meta: { title: 'results.detail', permission: 'result:read' } },
  { path: 'campaigns/:id/appeal', name: 'campaign-appeal', component: () => import('./appeal.vue'), meta: { title: 'appeal.title', permission: 'submission:write' } },
  { path: 'dashboard', name: 'dashboard', component: () => import('../dashboard/index.vue'), meta: { title: 'dashboard.title', permission: 'dashboard:read' } },
]

/** The published results, open to anyone: outside the layout, no sign-in. */
export const publicResultRoutes: RouteRecordRaw[] = [
  { path: '/public', name: 'public-list', component: () => import('../public/list.vue'), meta: { public: true } },
  { path: '/public/campaigns/:id', name: 'public-results', component: () => import('../public/index.vue'), meta: { public: true } },
]
