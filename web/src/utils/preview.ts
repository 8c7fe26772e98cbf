/** How a file can be shown in the page: images and PDFs inline, anything else only as a download. */
export function previewKind(contentType: string): 'image' | 'pdf' | 'none' {
  const type = contentType.split(';')[0].trim().toLowerCase()
  if (['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(type)) return 'image'
  if (type === 'application/pdf') return 'pdf'
  return 'none'
}
