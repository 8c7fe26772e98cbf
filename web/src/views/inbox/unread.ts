// The unread count the header's bell shows: one shared value, polled by the layout and refreshed by the inbox page.
import { ref } from 'vue'
import { inboxApi } from './inbox-api'

export const unread = ref(0)

export async function refreshUnread(): Promise<void> {
  try {
    unread.value = Number((await inboxApi.unread()).count)
  } catch {
    // A poll that fails (signed out, server restarting) keeps the last count; the next poll tries again.
  }
}
