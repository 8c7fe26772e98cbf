import type { Directive } from 'vue'
import { useAuthStore } from '@/stores/auth'

/**
 * v-permission="'unit:write'" (or a list, any of which suffices) removes the element for users
 * whose role lacks the permission; the server enforces the same policy, this only hides buttons.
 */
export const vPermission: Directive<HTMLElement, string | string[]> = {
  mounted(el, binding) {
    const auth = useAuthStore()
    const wanted = Array.isArray(binding.value) ? binding.value : [binding.value]
    if (!wanted.some((p) => auth.can(p))) el.remove()
  },
}
