/**
 * Whether a link may become an anchor: only a full http or https address. A javascript:, data: or file:
 * link stays text, whatever the server stored, so a click can never run or reveal anything.
 */
export function isWebUrl(text: string | null | undefined): boolean {
  if (!text) return false
  try {
    const u = new URL(text.trim())
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== ''
  } catch {
    return false
  }
}
