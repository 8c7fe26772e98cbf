// Which documents of a follow-up case can be printed, and in which formats: the server refuses a document the case has not reached.
export type PrintFormat = 'docx' | 'pdf'
export type OrderDocumentKind = 'order' | 'interview' | 'referral'

export const printFormats: PrintFormat[] = ['docx', 'pdf']

/** The supervision order always; the interview record once there is an interview; the referral once the case is referred. */
export function printableKinds(c: { order: { state: string }; steps: { kind: string }[] }): OrderDocumentKind[] {
  const kinds: OrderDocumentKind[] = ['order']
  if (c.steps.some((s) => s.kind === 'Interviewed')) kinds.push('interview')
  if (c.order.state === 'Referred') kinds.push('referral')
  return kinds
}

/** A dropdown command carries the kind and the format together: "interview:pdf". */
export const printCommand = (kind: OrderDocumentKind, format: PrintFormat) => `${kind}:${format}`

export function parsePrintCommand(command: string): { kind: OrderDocumentKind; format: PrintFormat } | null {
  const [kind, format] = command.split(':')
  const kinds: string[] = ['order', 'interview', 'referral']
  return kinds.includes(kind) && (printFormats as string[]).includes(format) ? { kind: kind as OrderDocumentKind, format: format as PrintFormat } : null
}
