// Deadlines are instants in Asia/Shanghai (UTC+8, no daylight saving since 1991). The server takes wall-clock
// text without an offset as Beijing time, so pickers hand it 'YYYY-MM-DDTHH:mm' untouched, and every instant
// the server returns is shown in Beijing time whatever the browser's own zone.

const pad = (n: number) => String(n).padStart(2, '0')

/** An ISO instant as 'yyyy-MM-dd HH:mm' in Beijing time; empty for none. */
export function beijing(iso: string | null | undefined): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const d = new Date(t + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** An ISO instant as the picker's wall-clock text in Beijing time ('yyyy-MM-ddTHH:mm'). */
export function beijingInput(iso: string | null | undefined): string {
  return beijing(iso).replace(' ', 'T')
}

/** A duration in seconds in words: 1 天 2 小时, 3 小时 5 分钟, 40 秒. */
export function lateness(seconds: number): string {
  if (seconds <= 0) return ''
  const d = Math.floor(seconds / 86400)
  const h = Math.floor((seconds % 86400) / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  if (d > 0) return h > 0 ? `${d} 天 ${h} 小时` : `${d} 天`
  if (h > 0) return m > 0 ? `${h} 小时 ${m} 分钟` : `${h} 小时`
  if (m > 0) return `${m} 分钟`
  return `${seconds} 秒`
}

/** Whether the instant has passed. */
export function isPast(iso: string | null | undefined, now = Date.now()): boolean {
  return !!iso && Date.parse(iso) < now
}
