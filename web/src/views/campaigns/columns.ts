import type { Column } from '@/views/units/columns'

/** The campaign table's columns; labels are i18n keys, every cell is rendered as text. */
export const campaignColumns: Column[] = [
  { prop: 'name', label: 'campaign.name', minWidth: 150 },
  { prop: 'schemeTitle', label: 'campaign.scheme', minWidth: 160 },
  { prop: 'periodLabel', label: 'campaign.period', width: 130 },
  { prop: 'unitCount', label: 'campaign.unitCount', width: 80 },
  { prop: 'submitted', label: 'campaignList.submitted', width: 80 },
  { prop: 'reviewerCount', label: 'campaignList.reviewers', width: 70 },
  { prop: 'due', label: 'campaign.evidenceDue', width: 140 },
]
