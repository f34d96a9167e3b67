/** Closed lists of the regional contract, mirrored by enums in schema/region.graphql. */

export const RECOGNITION_SCHEMES = [
  'REGIONAL_RECOGNISED', 'REGIONAL_ASPIRANT',
  'PSO_ASPIRANT', 'PSO_BASIS', 'PSO_TREDE_1', 'PSO_TREDE_2', 'PSO_TREDE_3', 'PSO_30_PLUS',
  'CODE_SOCIALE_ONDERNEMINGEN', 'SOCIAL_ENTERPRISE_NL',
] as const;
export type RecognitionScheme = (typeof RECOGNITION_SCHEMES)[number];

export const CAPABILITIES = [
  'SECONDMENT', 'COACHING_AND_TRAINING', 'INTERNSHIPS', 'LEARN_WORK_JOBS', 'DAY_ACTIVITIES',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const LEGAL_FORMS = [
  'BV', 'NV', 'STICHTING', 'COOPERATIE', 'VERENIGING', 'VOF', 'CV', 'MAATSCHAP', 'EENMANSZAAK',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const IMPACT_THEMES = [
  'LABOUR_PARTICIPATION', 'CARE', 'SOCIAL_COHESION', 'CIRCULAR_ECONOMY',
  'ENERGY_TRANSITION', 'FOOD_TRANSITION', 'FAIR_CHAIN',
] as const;
export type ImpactTheme = (typeof IMPACT_THEMES)[number];

export const OFFERING_KINDS = ['PRODUCT', 'SERVICE'] as const;
export type OfferingKind = (typeof OFFERING_KINDS)[number];

export const PRICE_UNITS = ['PER_HOUR', 'PER_DAY', 'PER_ITEM', 'PER_MONTH', 'PER_SQUARE_METRE', 'FIXED_PRICE'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

/** Outside systems whose ids we keep (a partner platform is one more entry here). */
export const EXTERNAL_SYSTEMS = ['MAEX', 'KVK', 'PSO', 'CODE_SOCIALE_ONDERNEMINGEN'] as const;
