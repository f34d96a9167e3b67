/**
 * Labour-market regions (arbeidsmarktregio's) of the partners.
 * Codes and names: CBS regional classification (AMxx), cross-checked with the UWV
 * work areas decree (Besluit werkgebieden UWV 2015); see DOMAIN.md §1 and §3.4.
 */
export interface LabourMarketRegion {
  /** CBS code `AMxx`. */
  code: string;
  name: string;
}

export const LABOUR_MARKET_REGIONS: readonly LabourMarketRegion[] = [
  { code: 'AM21', name: 'Haaglanden' },
  { code: 'AM22', name: 'Rijnmond' },
  { code: 'AM34', name: 'Zuid-Holland Centraal' },
];
