/**
 * The partner municipalities with their CBS municipality code (GMxxxx), the official
 * CBS name, and the labour-market region they belong to.
 * Sources: CBS municipality codes (e.g. minvws/nl-covid19-data-dashboard gm.ts) and the UWV
 * labour-market region split (Haaglanden #20 = AM21, Zuid-Holland Centraal #18 = AM34,
 * Rijnmond #22 = AM22); see DOMAIN.md §5.
 *
 * Which owner holds a municipality's data is NOT stored here: it comes from the owners'
 * `subgraphs/<owner>/owner.json` files.
 */
export interface Municipality {
  /** CBS code `GMxxxx`. */
  code: string;
  /** Official CBS name. */
  name: string;
  /** CBS code `AMxx` of the labour-market region. */
  labourMarketRegionCode: string;
}

export const MUNICIPALITIES: readonly Municipality[] = [
  { code: 'GM0518', name: "'s-Gravenhage", labourMarketRegionCode: 'AM21' },
  { code: 'GM0599', name: 'Rotterdam', labourMarketRegionCode: 'AM22' },
  { code: 'GM0503', name: 'Delft', labourMarketRegionCode: 'AM21' },
  { code: 'GM1842', name: 'Midden-Delfland', labourMarketRegionCode: 'AM21' },
  { code: 'GM0603', name: 'Rijswijk', labourMarketRegionCode: 'AM21' },
  { code: 'GM1783', name: 'Westland', labourMarketRegionCode: 'AM21' },
  { code: 'GM1621', name: 'Lansingerland', labourMarketRegionCode: 'AM34' },
  { code: 'GM1916', name: 'Leidschendam-Voorburg', labourMarketRegionCode: 'AM34' },
  { code: 'GM1926', name: 'Pijnacker-Nootdorp', labourMarketRegionCode: 'AM34' },
  { code: 'GM0626', name: 'Voorschoten', labourMarketRegionCode: 'AM34' },
  { code: 'GM0629', name: 'Wassenaar', labourMarketRegionCode: 'AM34' },
  { code: 'GM0637', name: 'Zoetermeer', labourMarketRegionCode: 'AM34' },
  // Known but not (yet) held by an owner: the first candidates for a fourth owner
  // (e.g. the Rijnmond partners of Stroomopwaarts, DOMAIN.md §2.3).
  { code: 'GM0606', name: 'Schiedam', labourMarketRegionCode: 'AM22' },
  { code: 'GM0622', name: 'Vlaardingen', labourMarketRegionCode: 'AM22' },
  { code: 'GM0556', name: 'Maassluis', labourMarketRegionCode: 'AM22' },
];
