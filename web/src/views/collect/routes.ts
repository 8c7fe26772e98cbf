import type { RouteRecordRaw } from 'vue-router'

/** The collection pages, children of the main layout. */
export const collectRoutes: RouteRecordRaw[] = [
  { path: 'collect', name: 'collect', component: () => import('./index.vue'), meta: { title: 'collect.menu', permission: 'campaign:read' } },
  { path: 'campaigns/:id/liaison-table', name: 'liaison-table', component: () => import('./liaison-table.vue'), meta: { title: 'collect.liaisonTable', permission: 'letter:sign' } },
  { path: 'campaigns/:id/letter', name: 'commitment-letter', component: () => import('./letter.vue'), meta: { title: 'collect.letter', permission: 'letter:sign' } },
  { path: 'campaigns/:id/provider-grid', name: 'provider-grid', component: () => import('./provider-grid.vue'), meta: { title: 'collect.providerGrid', permission: 'provider:grid' } },
  { path: 'campaigns/:id/letters', name: 'campaign-letters', component: () => import('./letters.vue'), meta: { title: 'collect.letters', permission: 'campaign:manage' } },
]
