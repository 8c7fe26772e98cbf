import { halfWidth } from '@/utils/facts'

export type PointsParsed = { ok: true; value: number } | { ok: false; error: 'required' | 'number' | 'range' | 'decimals' }

/**
 * The points a reviewer types for a 评审给分 item, as the server takes them: a decimal from 0 to the item's max with at
 * most two decimal places. Full-width digits (７．５ from a Chinese input method) read as their ASCII twins.
 */
export function parsePoints(text: string, max: number): PointsParsed {
  const s = halfWidth(text).trim()
  if (s === '') return { ok: false, error: 'required' }
  if (!/^\d+(\.\d+)?$/.test(s) && !/^-\d+(\.\d+)?$/.test(s)) return { ok: false, error: 'number' }
  const value = Number(s)
  if (value < 0 || value > max) return { ok: false, error: 'range' }
  if (/\.\d{3,}$/.test(s)) return { ok: false, error: 'decimals' }
  return { ok: true, value }
}
