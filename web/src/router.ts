import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import AppLayout from '@/layout/AppLayout.vue'
import { campaignRoutes } from '@/views/campaigns/routes'
import { publicResultRoutes, resultRoutes } from '@/views/results/routes'
import { collectRoutes } from '@/views/collect/routes'
import { monitoringRoutes } from '@/views/monitoring/routes'
import { inboxRoutes } from '@/views/inbox/routes'
import { surveyRoutes } from '@/views/surveys/routes'
import { followUpRoutes } from '@/views/follow-up/routes'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title, used by the menu and the breadcrumbs. */
    title?: string
    /** The permission the page needs; the menu hides it and the guard refuses it without. */
    permission?: string
    public?: boolean
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/login/index.vue'), meta: { public: true } },
  ...publicResultRoutes,
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: () => import('@/views/home/index.vue'), meta: { title: 'menu.home' } },
      { path: 'units', name: 'units', component: () => import('@/views/units/index.vue'), meta: { title: 'menu.units', permission: 'unit:read' } },
      { path: 'users', name: 'users', component: () => import('@/views/users/index.vue'), meta: { title: 'menu.users', permission: 'user:read' } },
      { path: 'schemes', name: 'schemes', component: () => import('@/views/schemes/index.vue'), meta: { title: 'menu.schemes', permission: 'scheme:read' } },
      { path: 'schemes/:id', name: 'scheme', component: () => import('@/views/schemes/detail.vue'), meta: { title: 'scheme.tree', permission: 'scheme:read' } },
      { path: 'audit', name: 'audit', component: () => import('@/views/audit/index.vue'), meta: { title: 'menu.audit', permission: 'audit:read' } },
      ...campaignRoutes,
      ...resultRoutes,
      ...collectRoutes,
      ...monitoringRoutes,
      ...inboxRoutes,
      ...surveyRoutes,
      ...followUpRoutes,
      { path: ':rest(.*)*', name: 'not-found', component: () => import('@/views/home/not-found.vue'), meta: { title: 'error.notFound' } },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!auth.loaded) await auth.load()
  if (to.meta.public) return auth.me && to.name === 'login' ? { name: 'home' } : true
  if (!auth.me) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  if (to.meta.permission && !auth.can(to.meta.permission)) return { name: 'home' }
  return true
})
