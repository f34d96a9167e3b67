/**
 * Target groups (doelgroepen) of social return: people with a distance to the labour market.
 * Based on the Den Haag / Haaglanden building-block tables and the Rijk's target list
 * (rijksinkoopsamenwerking.nl, social return); see DOMAIN.md §1 and §2.
 * Codes are GraphQL enum-safe names (upper snake case, not starting with a digit).
 */
export interface TargetGroup {
  code: string;
  /** Dutch name. */
  name: string;
  /** One English sentence. */
  description: string;
}

export const TARGET_GROUPS: readonly TargetGroup[] = [
  {
    code: 'PARTICIPATIEWET',
    name: 'Bijstandsgerechtigde (Participatiewet)',
    description: 'A person receiving social assistance under the Participation Act (Participatiewet).',
  },
  {
    code: 'WW',
    name: 'WW-uitkering',
    description: 'A person receiving an unemployment insurance benefit (WW) from UWV.',
  },
  {
    code: 'WIA',
    name: 'WIA/WAO-uitkering',
    description: 'A person receiving a work-incapacity benefit (WIA, WGA or WAO) from UWV.',
  },
  {
    code: 'WAJONG',
    name: 'Wajong',
    description: 'A young person with a disability receiving a Wajong benefit.',
  },
  {
    code: 'BANENAFSPRAAK',
    name: 'Doelgroep banenafspraak',
    description: 'A person registered in the UWV target-group register of the jobs agreement (banenafspraak).',
  },
  {
    code: 'NUG',
    name: 'Niet-uitkeringsgerechtigde (NUG)',
    description: 'A job seeker without a benefit who is registered with the municipality or UWV.',
  },
  {
    code: 'YOUTH_WITHOUT_STARTKWALIFICATIE',
    name: 'Jongere zonder startkwalificatie',
    description: 'A young person up to 27 without a basic qualification (havo, vwo or mbo level 2).',
  },
  {
    code: 'STATUSHOUDER',
    name: 'Statushouder',
    description: 'A refugee with a residence permit who is following or has completed civic integration.',
  },
  {
    code: 'VSO_PRO',
    name: 'Schoolverlater vso/pro',
    description: 'A school leaver from special secondary education (vso) or practical education (praktijkonderwijs).',
  },
  {
    code: 'BBL',
    name: 'BBL-leerling',
    description: 'A student on the work-based vocational track (BBL) with an employment contract.',
  },
  {
    code: 'BOL_INTERN',
    name: 'BOL-stagiair',
    description: 'A student on the school-based vocational track (BOL) doing an internship.',
  },
  {
    code: 'AGE_55_PLUS',
    name: 'Werkzoekende van 55 jaar of ouder',
    description: 'A job seeker aged 55 or older who has been out of work for a long time.',
  },
  {
    code: 'BESCHUT_WERK',
    name: 'Beschut werk',
    description: 'A person with a UWV advice for sheltered employment (beschut werk).',
  },
];
