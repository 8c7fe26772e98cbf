import { onBeforeUnmount, ref } from 'vue'

/** Whether the page is as narrow as a phone (390 px wide and the like): tables then show only the columns that matter. */
export function useNarrow(query = '(max-width: 640px)') {
  const media = window.matchMedia(query)
  const narrow = ref(media.matches)
  const update = (e: MediaQueryListEvent) => { narrow.value = e.matches }
  media.addEventListener('change', update)
  onBeforeUnmount(() => media.removeEventListener('change', update))
  return narrow
}
