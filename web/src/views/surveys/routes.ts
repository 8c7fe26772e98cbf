import type { RouteRecordRaw } from 'vue-router'

/** Satisfaction surveys: a campaign's questionnaire, its links and QR codes, progress, answer sheets and exports. */
export const surveyRoutes: RouteRecordRaw[] = [
  { path: 'surveys', name: 'surveys', component: () => import('./index.vue'), meta: { title: 'survey.menu', permission: 'surveys:read' } },
]
