// Deadlines are instants in Asia/Shanghai (UTC+8, no daylight saving since 1991). The server takes wall-clock
// text without an offset as Beijing time, so pickers hand it 'YYYY-MM-DDTHH:mm' untouched, and every instant
// the server returns is shown in Beijing time whatever the browser's own zone.

import { i18n } from '@/i18n'

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

/**
 * How late something is, in words: the two largest whole units, rounded down (1 天 2 小时, 3 小时 5 分钟,
 * 40 秒); nothing when not late. The one lateness formatter of the app: the collection pages, the campaign
 * progress and the submission page all say it this way.
 */
export function lateness(seconds: number | string): string {
  const t = i18n.global.t
  const total = Math.floor(Number(seconds))
  if (!(total > 0)) return ''
  const d = Math.floor(total / 86400)
  const h = Math.floor((total % 86400) / 3600)
  const m = Math.floor((total % 3600) / 60)
  const days = t('duration.days', { n: d }), hours = t('duration.hours', { n: h }), minutes = t('duration.minutes', { n: m })
  if (d > 0) return h > 0 ? `${days} ${hours}` : days
  if (h > 0) return m > 0 ? `${hours} ${minutes}` : hours
  if (m > 0) return minutes
  return t('duration.seconds', { n: total })
}

/** Whether the instant has passed. */
export function isPast(iso: string | null | undefined, now = Date.now()): boolean {
  return !!iso && Date.parse(iso) < now
}
