import { ref } from 'vue'
import { ApiError } from '@/api/errors'
import { rowErrors } from './screening-api'

/**
 * One table upload on a monitoring page: its progress while it goes up, and the rows a refused file lists. A 400 fills the
 * rows; any other failure goes on to the app's own error handling. Each page keeps one per upload it offers.
 */
export function useTableImport() {
  const progress = ref<number | null>(null)
  const errors = ref<{ row: string; reason: string }[]>([])

  async function run(send: (onProgress: (percent: number) => void) => Promise<void>) {
    errors.value = []
    progress.value = 0
    try {
      await send((p) => (progress.value = p))
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) errors.value = rowErrors(e.problem?.errors as Record<string, string[]>)
      else throw e
    } finally {
      progress.value = null
    }
  }

  return { progress, errors, run }
}
