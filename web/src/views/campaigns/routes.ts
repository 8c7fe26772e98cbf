import type { RouteRecordRaw } from 'vue-router'

// Campaign, submission and review pages. Item ids contain dots (2.1), which the server's SPA fallback
// takes for file names, so every item id travels in the query string, never in the path.
export const campaignRoutes: RouteRecordRaw[] = [
  { path: 'campaigns', name: 'campaigns', component: () => import('./index.vue'), meta: { title: 'menuCampaign.campaigns', permission: 'campaign:read' } },
  { path: 'campaigns/new', name: 'campaign-new', component: () => import('./wizard.vue'), meta: { title: 'campaign.create', permission: 'campaign:manage' } },
  { path: 'campaigns/:id', name: 'campaign', component: () => import('./detail.vue'), meta: { title: 'campaign.detail', permission: 'campaign:read' } },
  { path: 'submission', name: 'submission', component: () => import('@/views/submission/index.vue'), meta: { title: 'submission.title', permission: 'submission:read' } },
  { path: 'reviews', name: 'reviews', component: () => import('@/views/reviews/index.vue'), meta: { title: 'review.queue', permission: 'review:write' } },
  { path: 'reviews/item', name: 'review-item', component: () => import('@/views/reviews/item.vue'), meta: { title: 'review.itemTitle', permission: 'review:write' } },
]
