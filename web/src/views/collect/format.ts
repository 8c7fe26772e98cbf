// Display helpers for the collection pages.

/** The server's local time with offset, shown to the second without the offset. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return ''
  return value.replace('T', ' ').slice(0, 19)
}

/** Lateness in days, hours and minutes (in Chinese, as the office reads it). */
export function formatLateness(seconds: number | string): string {
  let s = Math.max(0, Number(seconds))
  const days = Math.floor(s / 86400)
  s -= days * 86400
  const hours = Math.floor(s / 3600)
  s -= hours * 3600
  const minutes = Math.ceil(s / 60)
  const parts = [days ? `${days}天` : '', hours ? `${hours}小时` : '', minutes ? `${minutes}分钟` : ''].filter(Boolean)
  return parts.length > 0 ? parts.join('') : '不足1分钟'
}

export function formatSize(bytes: number | string): string {
  const n = Number(bytes)
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
