/** A file size as people read it; an entry that is not a file (a link, ledger rows) has none to show. */
export function sizeText(bytes: number | string, kind: string | null | undefined): string {
  if (kind && kind !== 'file' && kind !== 'screenshot') return '—'
  const n = Number(bytes)
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
