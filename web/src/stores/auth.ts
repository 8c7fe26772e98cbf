import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { httpWithoutRelogin, ok, resetAntiforgery } from '@/api/client'
import type { MeResponse } from '@/api/types'
import { ApiError } from '@/api/errors'

export const useAuthStore = defineStore('auth', () => {
  const me = ref<MeResponse | null>(null)
  const loaded = ref(false)
  /** Set while the re-login dialog is open after the session expired. */
  const reloginOpen = ref(false)
  let reloginWaiters: Array<() => void> = []

  const permissions = computed(() => new Set(me.value?.permissions ?? []))
  const can = (permission: string) => permissions.value.has(permission)

  async function load(): Promise<MeResponse | null> {
    try {
      me.value = await ok(httpWithoutRelogin.GET('/api/auth/me'))
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e
      me.value = null
    }
    loaded.value = true
    return me.value
  }

  async function login(userName: string, password: string): Promise<MeResponse> {
    const previous = me.value?.id
    const result = await ok(httpWithoutRelogin.POST('/api/auth/login', { body: { userName, password } }))
    resetAntiforgery()
    me.value = result
    loaded.value = true
    if (reloginOpen.value) {
      // Someone else signing in at the expired dialog must not inherit the open form.
      if (previous !== undefined && previous !== result.id) window.location.assign('/')
      reloginOpen.value = false
      const waiters = reloginWaiters
      reloginWaiters = []
      waiters.forEach((w) => w())
    }
    return result
  }

  async function logout(): Promise<void> {
    try {
      await httpWithoutRelogin.POST('/api/auth/logout')
    } finally {
      resetAntiforgery()
      me.value = null
    }
  }

  /** Resolves once the user has signed in again in the dialog; requests wait here and then retry. */
  function waitForRelogin(): Promise<void> {
    reloginOpen.value = true
    return new Promise((resolve) => reloginWaiters.push(resolve))
  }

  return { me, loaded, reloginOpen, permissions, can, load, login, logout, waitForRelogin }
})
