/**
 * Deterministic demo data for one regional owner: social enterprises with recognitions,
 * MAEX references and offerings. Everything is invented (names, KvK numbers, texts); only the
 * postcodes (lib/reference/pc4-centroids.csv), municipality codes and CPV codes are real.
 *
 * The same (owner.code, seed, enterprise count, today) always gives the same rows: a seeded
 * sfc32 PRNG drives every choice, no Math.random and no clock. One pass, O(n): 100,000
 * enterprises (about 700,000 offerings) generate in a few seconds.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { externalReference, offering, recognition, socialEnterprise } from '../../../drizzle/region/schema.ts';
import { sortKey } from '../../../lib/sort-key.ts';
import { CATEGORIES } from '../../catalog/reference/categories.ts';
import { MUNICIPALITIES } from '../../catalog/reference/municipalities.ts';
import type { OwnerSettings } from '../../owners.ts';
import {
  CAPABILITIES, IMPACT_THEMES, LEGAL_FORMS, type Capability, type ImpactTheme, type LegalForm,
  type OfferingKind, type PriceUnit, type RecognitionScheme,
} from '../domain/vocabulary.ts';

export type EnterpriseRow = typeof socialEnterprise.$inferInsert;
export type RecognitionRow = typeof recognition.$inferInsert;
export type ExternalReferenceRow = typeof externalReference.$inferInsert;
export type OfferingRow = typeof offering.$inferInsert;

export interface DemoData {
  enterprises: EnterpriseRow[];
  recognitions: RecognitionRow[];
  externalReferences: ExternalReferenceRow[];
  offerings: OfferingRow[];
}

export interface DemoOptions {
  /** Number of enterprises; default `owner.demo.enterprises`. */
  enterprises?: number;
  /** PRNG seed; default `owner.demo.seed`. */
  seed?: number;
  /** The demo's "today" (YYYY-MM-DD): validity and timestamps are relative to it. */
  today?: string;
}

export const DEFAULT_DEMO_TODAY = '2026-12-01';

/**
 * Names every owner has exactly once, so that sorting by name ties across owners (and, for
 * "Café De Brug" / "Cafe de Brug", on the normalised name key within an owner too).
 */
export const SHARED_DEMO_NAMES: readonly string[] = [
  'Café De Brug',
  'Cafe de Brug',
  'Één Op Één Schoonmaak',
  'Øresund Fietsherstel',
  'De Werkplaats',
  'Groen & Doen',
  'Crème Catering',
  'Kwekerij Ærø',
];

// ---------------------------------------------------------------------------------------------
// Reference data read once at module load.

interface Pc4Row { pc4: string; place: string }

/** PC4 rows per municipality code, in file order (a PC4 spanning two places appears twice). */
const PC4_BY_MUNICIPALITY: ReadonlyMap<string, readonly Pc4Row[]> = (() => {
  const path = fileURLToPath(new URL('../../../lib/reference/pc4-centroids.csv', import.meta.url));
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = lines[0]?.split(',') ?? [];
  const iPc4 = header.indexOf('pc4');
  const iPlace = header.indexOf('place');
  const iCode = header.indexOf('municipality_code');
  if (iPc4 < 0 || iPlace < 0 || iCode < 0) throw new Error(`unexpected header in ${path}: ${lines[0]}`);
  const byCode = new Map<string, Pc4Row[]>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const f = line.split(',');
    const code = f[iCode];
    let rows = byCode.get(code);
    if (!rows) byCode.set(code, (rows = []));
    rows.push({ pc4: f[iPc4], place: f[iPlace] });
  }
  return byCode;
})();

const MUNICIPALITY_BY_CODE = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

/**
 * The twelve partner municipalities and, per municipality, partners close to it: where a
 * service area may reach beyond the owner. (Fixed here, so the demo data does not change
 * when the catalog learns more municipalities.)
 */
const NEARBY: Readonly<Record<string, readonly string[]>> = {
  GM0518: ['GM0603', 'GM1916', 'GM0629', 'GM1783', 'GM0503'],
  GM0599: ['GM1621', 'GM1842', 'GM0503', 'GM1926'],
  GM0503: ['GM0603', 'GM1842', 'GM1926', 'GM0518', 'GM1783'],
  GM1842: ['GM0503', 'GM1783', 'GM0599', 'GM0603'],
  GM0603: ['GM0518', 'GM0503', 'GM1926', 'GM1842'],
  GM1783: ['GM0518', 'GM1842', 'GM0503'],
  GM1621: ['GM0599', 'GM1926', 'GM0637'],
  GM1916: ['GM0518', 'GM0637', 'GM1926', 'GM0629', 'GM0626'],
  GM1926: ['GM0503', 'GM0603', 'GM1916', 'GM0637', 'GM1621'],
  GM0626: ['GM0629', 'GM1916'],
  GM0629: ['GM0518', 'GM0626', 'GM1916'],
  GM0637: ['GM1916', 'GM1926', 'GM1621'],
};
const PARTNER_CODES: readonly string[] = Object.keys(NEARBY);
for (const code of PARTNER_CODES) if (!MUNICIPALITY_BY_CODE.has(code)) throw new Error(`demo data: ${code} is not in the catalog`);

// ---------------------------------------------------------------------------------------------
// PRNG: cyrb128 string hash -> sfc32 (both public-domain algorithms, written out here).

function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Rng {
  private a: number; private b: number; private c: number; private d: number;
  constructor(key: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(key);
    for (let i = 0; i < 15; i++) this.uint32();
  }
  /** sfc32 step: an unsigned 32-bit integer. */
  uint32(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number { return this.uint32() / 4294967296; }
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]; }
  /** `count` distinct items (count clamped to the list length), in pick order. */
  pickDistinct<T>(items: readonly T[], count: number): T[] {
    const pool = items.slice();
    const n = Math.min(count, pool.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (pool.length - i));
      const tmp = pool[i]; pool[i] = pool[j]; pool[j] = tmp;
    }
    return pool.slice(0, n);
  }
  weighted<T>(items: readonly T[], cumulative: readonly number[]): T {
    const x = this.next() * cumulative[cumulative.length - 1];
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x < cumulative[mid]) hi = mid; else lo = mid + 1;
    }
    return items[lo];
  }
  /** A lower-case RFC 4122 version 4 UUID (version nibble 4, variant bits 10). */
  uuid(): string {
    const a = this.uint32();
    const b = ((this.uint32() & 0xffff0fff) | 0x00004000) >>> 0;
    const c = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const d = this.uint32();
    const out = UUID_CODES;
    hexInto(out, 0, a, 8);
    hexInto(out, 9, b >>> 16, 4);
    hexInto(out, 14, b & 0xffff, 4);
    hexInto(out, 19, c >>> 16, 4);
    hexInto(out, 24, c & 0xffff, 4);
    hexInto(out, 28, d, 8);
    // One flat string per id (no rope of concatenated pieces): it matters at 700,000 rows.
    return codesToString(out);
  }
}

const HEX = '0123456789abcdef';
const UUID_CODES: number[] = Array.from('00000000-0000-4000-8000-000000000000', (ch) => ch.charCodeAt(0));

/** Writes `digits` lower-case hex digits of `value` into `out` starting at `at`. */
function hexInto(out: number[], at: number, value: number, digits: number): void {
  for (let k = digits - 1; k >= 0; k--) {
    out[at + k] = HEX.charCodeAt(value & 15);
    value >>>= 4;
  }
}

function cumulativeOf(weights: readonly number[]): number[] {
  const out: number[] = [];
  let sum = 0;
  for (const w of weights) out.push((sum += w));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on whole days / microseconds since 1970-01-01 UTC (no Date, no time zone).

const US_PER_DAY = 86_400_000_000;

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const p2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y}-${p2(m)}-${p2(d)}`;
}

function parseDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`today must be YYYY-MM-DD, got ${JSON.stringify(text)}`);
  const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  if (formatDate(days) !== text) throw new Error(`not a calendar date: ${text}`);
  return days;
}

/** Adds whole years to a day number (29 February becomes 28 February). */
function addYears(days: number, years: number): number {
  const [y, m, d] = civilFromDays(days);
  const target = daysFromCivil(y + years, m, d);
  return formatDate(target).endsWith(`-${p2(d)}`) ? target : daysFromCivil(y + years, m, d - 1);
}

/**
 * Renders microseconds since the epoch the way Postgres renders timestamptz in a UTC session:
 * `2024-03-05 10:11:12.123456+00`. The generator never produces a microsecond part ending
 * in 0, so this text is byte-equal to what the database returns.
 */
function formatTimestamp(us: number): string {
  const days = Math.floor(us / US_PER_DAY);
  let rest = us - days * US_PER_DAY;
  const micros = rest % 1_000_000;
  rest = (rest - micros) / 1_000_000;
  const s = rest % 60;
  rest = (rest - s) / 60;
  const min = rest % 60;
  const h = (rest - min) / 60;
  const out = TIMESTAMP_CODES; // 'YYYY-MM-DD HH:MM:SS.ffffff+00'
  const date = dateCodes(days);
  for (let k = 0; k < 10; k++) out[k] = date[k];
  twoDigitsInto(out, 11, h);
  twoDigitsInto(out, 14, min);
  twoDigitsInto(out, 17, s);
  const hi = Math.floor(micros / 10_000);
  const rem = micros - hi * 10_000;
  const mid = Math.floor(rem / 100);
  twoDigitsInto(out, 20, hi);
  twoDigitsInto(out, 22, mid);
  twoDigitsInto(out, 24, rem - mid * 100);
  return codesToString(out);
}

function twoDigitsInto(out: number[], at: number, value: number): void {
  const tens = Math.floor(value / 10);
  out[at] = 48 + tens;
  out[at + 1] = 48 + value - tens * 10;
}

/** A flat string from character codes (explicit arguments are faster than `apply`). */
function codesToString(c: readonly number[]): string {
  if (c.length === 29) {
    return String.fromCharCode(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13],
      c[14], c[15], c[16], c[17], c[18], c[19], c[20], c[21], c[22], c[23], c[24], c[25], c[26], c[27], c[28]);
  }
  if (c.length === 36) {
    return String.fromCharCode(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13],
      c[14], c[15], c[16], c[17], c[18], c[19], c[20], c[21], c[22], c[23], c[24], c[25], c[26], c[27], c[28], c[29],
      c[30], c[31], c[32], c[33], c[34], c[35]);
  }
  return String.fromCharCode.apply(null, c as number[]);
}

const TIMESTAMP_CODES: number[] = Array.from('0000-00-00 00:00:00.000000+00', (ch) => ch.charCodeAt(0));

/** Character codes of `YYYY-MM-DD` per day number, computed once per day. */
const DATE_CODES = new Map<number, readonly number[]>();
function dateCodes(days: number): readonly number[] {
  let codes = DATE_CODES.get(days);
  if (!codes) {
    const text = formatDate(days);
    if (text.length !== 10) throw new Error(`date out of range: ${text}`);
    DATE_CODES.set(days, (codes = Array.from(text, (ch) => ch.charCodeAt(0))));
  }
  return codes;
}



// ---------------------------------------------------------------------------------------------
// What enterprises do: profiles tie names, descriptions, categories and themes together.

interface Profile {
  key: string;
  nouns: readonly string[];
  /** First sentence of the description; each mentions the searchable trade word. */
  lead: readonly string[];
  categories: readonly string[];
  themes: readonly ImpactTheme[];
  capabilities: readonly Capability[];
  weight: number;
}

const PROFILES: readonly Profile[] = [
  {
    key: 'fiets', weight: 10,
    nouns: ['Fietsfabriek', 'Fietsherstel', 'Fietswerkplaats', 'Fietsenmakerij', 'Trapkracht', 'Spaakwerk', 'Bakfietsdienst'],
    lead: [
      'Wij repareren en onderhouden fietsen, bakfietsen en dienstfietsen voor bedrijven en gemeenten.',
      'In onze werkplaats knappen we gebruikte fietsen op en verkopen we ze met garantie.',
      'Onze monteurs komen met de fiets naar u toe voor onderhoud van uw fietsvloot.',
    ],
    categories: ['bike-repair', 'bicycles', 'courier'],
    themes: ['CIRCULAR_ECONOMY', 'ENERGY_TRANSITION', 'LABOUR_PARTICIPATION'],
    capabilities: ['LEARN_WORK_JOBS', 'INTERNSHIPS'],
  },
  {
    key: 'schoonmaak', weight: 12,
    nouns: ['Schoonmaakdienst', 'Glansploeg', 'Poetsploeg', 'Schoonwerk', 'Glazenwassers', 'Wasserij'],
    lead: [
      'Wij verzorgen de schoonmaak van kantoren, scholen en sportaccommodaties.',
      'Schoonmaak en glasbewassing door vaste teams met een eigen jobcoach.',
      'Duurzame schoonmaak met ecologische middelen, dagelijks of periodiek.',
    ],
    categories: ['cleaning', 'window-cleaning', 'facility-services', 'laundry', 'reception'],
    themes: ['LABOUR_PARTICIPATION', 'SOCIAL_COHESION'],
    capabilities: ['SECONDMENT', 'COACHING_AND_TRAINING'],
  },
  {
    key: 'catering', weight: 11,
    nouns: ['Lunchcafé', 'Keuken', 'Kookstudio', 'Broodjeszaak', 'Koffiebar', 'Brasserie', 'Traiteur'],
    lead: [
      'Wij verzorgen catering, lunches en borrels voor kantoren en evenementen.',
      'Onze keuken maakt verse broodjes, soepen en salades voor catering op locatie.',
      'Catering met een sociaal verhaal: leerlingen koken en serveren onder begeleiding.',
    ],
    categories: ['catering', 'events', 'reception'],
    themes: ['FOOD_TRANSITION', 'LABOUR_PARTICIPATION', 'FAIR_CHAIN'],
    capabilities: ['LEARN_WORK_JOBS', 'INTERNSHIPS', 'COACHING_AND_TRAINING'],
  },
  {
    key: 'groen', weight: 11,
    nouns: ['Groenploeg', 'Tuinderij', 'Kwekerij', 'Hoveniers', 'Stadsboerderij', 'Groenwerk', 'Boomgaard'],
    lead: [
      'Wij onderhouden groen in de openbare ruimte, plantsoenen en bedrijfsterreinen.',
      'Onze groenploegen snoeien, maaien en planten groen in de hele regio.',
      'Op onze kwekerij kweken we planten en groen voor binnen en buiten.',
    ],
    categories: ['green-maintenance', 'tree-care', 'plants-nursery', 'waste-recycling'],
    themes: ['LABOUR_PARTICIPATION', 'CIRCULAR_ECONOMY', 'FOOD_TRANSITION'],
    capabilities: ['LEARN_WORK_JOBS', 'DAY_ACTIVITIES', 'SECONDMENT'],
  },
  {
    key: 'drukwerk', weight: 8,
    nouns: ['Drukkerij', 'Drukwerkplaats', 'Printshop', 'Zeefdrukkerij', 'Ontwerpstudio'],
    lead: [
      'Wij verzorgen drukwerk, van visitekaartjes tot brochures en posters.',
      'Ontwerp en drukwerk in eigen huis, op papier uit duurzame bronnen.',
      'Onze drukkerij levert drukwerk, relatiegeschenken en verpakte mailings.',
    ],
    categories: ['printing', 'promotional-gifts', 'office-supplies', 'packaging-assembly'],
    themes: ['LABOUR_PARTICIPATION', 'CIRCULAR_ECONOMY'],
    capabilities: ['LEARN_WORK_JOBS', 'INTERNSHIPS'],
  },
  {
    key: 'ict', weight: 9,
    nouns: ['Digiwerkplaats', 'Laptopfabriek', 'Datawerk', 'Scanstraat', 'ICT-werkplaats', 'Codeschool'],
    lead: [
      'Wij knappen laptops en computers op en wissen gegevens volgens de norm.',
      'Onze ICT-helpdesk en testteams bestaan uit talentvolle mensen met autisme.',
      'Wij digitaliseren archieven: scannen, indexeren en gegevens invoeren.',
    ],
    categories: ['it-services', 'computer-repair', 'laptop-refurbishment', 'data-entry', 'scanning-digitisation', 'translation'],
    themes: ['LABOUR_PARTICIPATION', 'CIRCULAR_ECONOMY'],
    capabilities: ['SECONDMENT', 'COACHING_AND_TRAINING', 'INTERNSHIPS'],
  },
  {
    key: 'textiel', weight: 6,
    nouns: ['Naaiatelier', 'Textielwerkplaats', 'Kledingmakerij', 'Stoffenhuis', 'Borduurstudio'],
    lead: [
      'In ons naaiatelier maken en herstellen we bedrijfskleding en textiel.',
      'Wij bedrukken en borduren werkkleding en tassen van gerecycled textiel.',
      'Bij ons krijgt textiel een tweede leven als tas, schort of bedrijfskleding.',
    ],
    categories: ['workwear-textiles', 'laundry', 'promotional-gifts'],
    themes: ['CIRCULAR_ECONOMY', 'FAIR_CHAIN', 'LABOUR_PARTICIPATION'],
    capabilities: ['DAY_ACTIVITIES', 'LEARN_WORK_JOBS'],
  },
  {
    key: 'logistiek', weight: 8,
    nouns: ['Koeriers', 'Postkamer', 'Verhuisploeg', 'Inpakcentrum', 'Bezorgdienst'],
    lead: [
      'Wij bezorgen post en pakketten per fiets en elektrische bus in de stad.',
      'Onze postkamer sorteert, frankeert en verstuurt mailings voor organisaties.',
      'Wij verzorgen verhuizingen van kantoren en werkplekken, inclusief in- en uitpakken.',
    ],
    categories: ['mail-handling', 'courier', 'removals', 'packaging-assembly'],
    themes: ['LABOUR_PARTICIPATION', 'ENERGY_TRANSITION'],
    capabilities: ['SECONDMENT', 'LEARN_WORK_JOBS'],
  },
  {
    key: 'onderhoud', weight: 8,
    nouns: ['Klusbedrijf', 'Schildersploeg', 'Meubelmakerij', 'Houtwerkplaats', 'Onderhoudsdienst'],
    lead: [
      'Wij doen schilderwerk en klein onderhoud aan gebouwen en woningen.',
      'In onze meubelmakerij knappen we kantoormeubilair op voor hergebruik.',
      'Onze klusploeg voert klein onderhoud, schilderwerk en reparaties uit.',
    ],
    categories: ['painting', 'building-maintenance', 'furniture-refurbishment'],
    themes: ['LABOUR_PARTICIPATION', 'CIRCULAR_ECONOMY'],
    capabilities: ['LEARN_WORK_JOBS', 'COACHING_AND_TRAINING'],
  },
  {
    key: 'personeel', weight: 10,
    nouns: ['Werkplaats', 'Leerwerkbedrijf', 'Talentenhuis', 'Werkcentrum', 'Coachhuis', 'Detacheerders'],
    lead: [
      'Wij detacheren medewerkers met een afstand tot de arbeidsmarkt bij bedrijven en gemeenten.',
      'Wij bieden training, jobcoaching en leerwerkplekken voor mensen die (weer) aan het werk willen.',
      'Wij bieden dagbesteding en arbeidsmatige activiteiten in een veilige omgeving.',
    ],
    categories: ['secondment', 'training-coaching', 'day-activities', 'reception', 'security'],
    themes: ['LABOUR_PARTICIPATION', 'CARE', 'SOCIAL_COHESION'],
    capabilities: ['SECONDMENT', 'COACHING_AND_TRAINING', 'DAY_ACTIVITIES', 'INTERNSHIPS'],
  },
];
const PROFILE_BY_KEY = new Map(PROFILES.map((p) => [p.key, p]));
const PROFILE_CUMULATIVE = cumulativeOf(PROFILES.map((p) => p.weight));

const SHARED_NAME_PROFILE: Readonly<Record<string, string>> = {
  'Café De Brug': 'catering',
  'Cafe de Brug': 'catering',
  'Één Op Één Schoonmaak': 'schoonmaak',
  'Øresund Fietsherstel': 'fiets',
  'De Werkplaats': 'personeel',
  'Groen & Doen': 'groen',
  'Crème Catering': 'catering',
  'Kwekerij Ærø': 'groen',
};

const SECOND_SENTENCES = [
  'Bij ons werken mensen met een afstand tot de arbeidsmarkt onder begeleiding van ervaren collega\'s.',
  'Iedere opdracht levert een leerwerkplek op voor iemand uit de buurt.',
  'Wij zijn een sociale onderneming: de winst gaat terug naar onze sociale missie.',
  'Samen met het Werkgeversservicepunt begeleiden we nieuwe collega\'s naar betaald werk.',
  'Meer dan de helft van ons team had eerder geen betaald werk.',
];

// Name parts (invented; any likeness to a real business is accidental).
const ADJECTIVES = [
  'De Groene', 'De Nieuwe', 'Het Sociale', 'De Blije', 'De Eerlijke', 'De Duurzame', 'Het Gouden',
  'De Vrolijke', 'De Stoere', 'De Slimme', 'De Geëngageerde', 'De Coöperatieve', 'De Tweeëntwintigste',
];
const AREAS = ['Noord', 'Zuid', 'Oost', 'West', 'Centrum', 'aan Zee', 'aan de Maas', 'Stad', 'Regio'];
const PAIR_WORDS = ['Schoon', 'Sociaal', 'Samen', 'Fris', 'Eerlijk', 'Heel', 'Mooi', 'Vers', 'Slim', 'Sterk', 'Puur', 'Zuiver', 'Doen'];
const DE_NAMES = [
  'De Kaai', 'De Brug', 'Het Anker', 'De Haven', 'De Molen', 'De Linde', 'De Kade', 'De Sluis', 'De Vaart',
  'Het Plein', 'De Werf', 'Het Erf', 'De Steiger', 'Het Baken', 'De Reünie', 'Het Café', 'De Crème',
  'Ü', 'Ærø', 'Øresund', 'Élan',
];
const ACCENT_PREFIXES = [
  'Café', 'Élan', 'Crème', 'Ideeën', 'Coöperatie', 'Één', 'Øresund', 'Ærø', 'Reünie', 'Façade', 'Über',
];

function slugOf(name: string): string {
  const s = sortKey(name).replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s || 'onderneming';
}

// ---------------------------------------------------------------------------------------------
// Offerings per category.

interface OfferingTemplate {
  kind: OfferingKind | 'MIXED';
  units: readonly PriceUnit[];
  /** Price range in cents for the first unit; other units use UNIT_RANGES. */
  names: readonly string[];
  /** Sentences mentioning the trade word, so Dutch full-text search finds the offering. */
  sentences: readonly string[];
}

const UNIT_RANGES: Readonly<Record<PriceUnit, readonly [number, number]>> = {
  PER_HOUR: [1250, 9500],
  PER_DAY: [4000, 85000],
  PER_ITEM: [1250, 150000],
  PER_MONTH: [25000, 2500000],
  PER_SQUARE_METRE: [1250, 6000],
  FIXED_PRICE: [15000, 2500000],
};

const OFFERING_TEMPLATES: Readonly<Record<string, OfferingTemplate>> = {
  'cleaning': {
    kind: 'SERVICE', units: ['PER_HOUR', 'PER_SQUARE_METRE', 'PER_MONTH'],
    names: ['Kantoorschoonmaak', 'Dagelijkse schoonmaak', 'Periodieke schoonmaak', 'Schoonmaak van scholen', 'Dieptereiniging sanitair'],
    sentences: ['Schoonmaak van kantoren en gebouwen door een vast team.', 'Groene schoonmaak met ecologische middelen en microvezel.'],
  },
  'window-cleaning': {
    kind: 'SERVICE', units: ['PER_SQUARE_METRE', 'FIXED_PRICE', 'PER_HOUR'],
    names: ['Glazenwassen', 'Glasbewassing binnen en buiten', 'Gevelreiniging', 'Kozijnen wassen'],
    sentences: ['Glazenwassen en schoonmaak van ramen en kozijnen.', 'Glasbewassing op hoogte met telescoopsteel en osmosewater.'],
  },
  'facility-services': {
    kind: 'SERVICE', units: ['PER_HOUR', 'PER_MONTH'],
    names: ['Conciërgediensten', 'Huismeester op locatie', 'Facilitair medewerker', 'Vergaderzalen klaarzetten'],
    sentences: ['Facilitaire dienstverlening voor kantoren en scholen.', 'Een vaste facilitaire kracht die het gebouw op orde houdt.'],
  },
  'reception': {
    kind: 'SERVICE', units: ['PER_HOUR', 'PER_MONTH'],
    names: ['Receptiedienst', 'Gastvrouw of gastheer', 'Baliemedewerker', 'Telefoon en receptie'],
    sentences: ['Een gastvrije receptie en telefoonbediening.', 'Gastvrijheid aan de balie door getrainde medewerkers.'],
  },
  'security': {
    kind: 'SERVICE', units: ['PER_HOUR', 'FIXED_PRICE'],
    names: ['Beveiliging evenementen', 'Toezicht en beveiliging', 'Sluitronde', 'Parkeerbeheer'],
    sentences: ['Beveiliging en toezicht door gecertificeerde beveiligers.', 'Toezicht op gebouwen en terreinen, ook in de avond.'],
  },
  'laundry': {
    kind: 'SERVICE', units: ['PER_ITEM', 'PER_MONTH'],
    names: ['Wasservice bedrijfskleding', 'Linnenservice', 'Wassen en strijken', 'Haal- en brengservice was'],
    sentences: ['Wasserij voor bedrijfskleding, theedoeken en linnengoed.', 'Wassen, drogen en strijken in onze eigen wasserij.'],
  },
  'catering': {
    kind: 'MIXED', units: ['PER_ITEM', 'FIXED_PRICE', 'PER_DAY'],
    names: ['Lunchpakketten', 'Vergadercatering', 'Broodjeslunch', 'Borrelhapjes', 'Soep en salade', 'Koffie en gebak'],
    sentences: ['Catering met verse producten uit de regio.', 'Lunch en catering, bezorgd op kantoor.'],
  },
  'events': {
    kind: 'SERVICE', units: ['FIXED_PRICE', 'PER_DAY'],
    names: ['Organisatie bijeenkomst', 'Evenementenhulp', 'Op- en afbouw evenementen', 'Buurtfeest op maat'],
    sentences: ['Evenementen en bijeenkomsten van begin tot eind verzorgd.', 'Hulp bij evenementen: op- en afbouw, garderobe en catering.'],
  },
  'green-maintenance': {
    kind: 'SERVICE', units: ['PER_HOUR', 'PER_SQUARE_METRE', 'FIXED_PRICE'],
    names: ['Groenonderhoud', 'Onderhoud plantsoenen', 'Maaien en schoffelen', 'Aanleg van groen', 'Onderhoud bedrijfstuin'],
    sentences: ['Onderhoud van groen, plantsoenen en bedrijfsterreinen.', 'Groen en buitenruimte netjes en diervriendelijk onderhouden.'],
  },
  'tree-care': {
    kind: 'SERVICE', units: ['PER_HOUR', 'FIXED_PRICE'],
    names: ['Snoeiwerk bomen', 'Boomverzorging', 'Hagen knippen', 'Boominspectie'],
    sentences: ['Snoeien en verzorgen van bomen en hagen in het groen.', 'Boomverzorging door opgeleide groenmedewerkers.'],
  },
  'plants-nursery': {
    kind: 'PRODUCT', units: ['PER_ITEM'],
    names: ['Kantoorplanten', 'Vaste planten', 'Bloemen en boeketten', 'Kruidenpakket', 'Plantenbak met beplanting'],
    sentences: ['Planten en groen uit onze eigen kwekerij.', 'Duurzaam gekweekte planten, bezorgd en geplaatst.'],
  },
  'waste-recycling': {
    kind: 'SERVICE', units: ['PER_MONTH', 'FIXED_PRICE', 'PER_ITEM'],
    names: ['Papierinzameling', 'Afval scheiden op kantoor', 'Inzameling koffiebekers', 'Recycling van grondstoffen'],
    sentences: ['Inzameling en recycling van afval en grondstoffen.', 'Afval wordt gescheiden en krijgt een nieuw leven.'],
  },
  'it-services': {
    kind: 'SERVICE', units: ['PER_HOUR', 'PER_MONTH', 'FIXED_PRICE'],
    names: ['Softwaretesten', 'ICT-helpdesk', 'Websitebouw', 'Werkplekbeheer', 'Toegankelijkheidstoets website'],
    sentences: ['ICT-dienstverlening door specialisten met autisme.', 'Testen, beheer en ondersteuning van software en websites.'],
  },
  'computer-repair': {
    kind: 'SERVICE', units: ['PER_ITEM', 'PER_HOUR'],
    names: ['Laptopreparatie', 'Computer repareren', 'Schermvervanging', 'Onderhoud printers'],
    sentences: ['Reparatie van laptops, computers en printers.', 'Snelle reparatie van computers, ook op locatie.'],
  },
  'laptop-refurbishment': {
    kind: 'PRODUCT', units: ['PER_ITEM'],
    names: ['Refurbished laptop', 'Gereviseerde computer', 'Laptop met garantie', 'Veilig gegevens wissen'],
    sentences: ['Refurbished laptops en computers met garantie.', 'Laptops worden veilig gewist en opgeknapt voor hergebruik.'],
  },
  'data-entry': {
    kind: 'SERVICE', units: ['PER_HOUR', 'PER_ITEM'],
    names: ['Gegevensinvoer', 'Opschonen van bestanden', 'Administratieve ondersteuning', 'Invoer van formulieren'],
    sentences: ['Nauwkeurige invoer en controle van gegevens.', 'Administratie en gegevensinvoer door een vast team.'],
  },
  'scanning-digitisation': {
    kind: 'SERVICE', units: ['PER_ITEM', 'FIXED_PRICE', 'PER_HOUR'],
    names: ['Archief scannen', 'Digitaliseren van dossiers', 'Scannen en indexeren', 'Fotoarchief digitaliseren'],
    sentences: ['Scannen en digitaliseren van archieven en dossiers.', 'Documenten worden gescand, geïndexeerd en veilig bewaard.'],
  },
  'printing': {
    kind: 'MIXED', units: ['PER_ITEM', 'FIXED_PRICE'],
    names: ['Drukwerk folders', 'Visitekaartjes', 'Posters en banners', 'Brochures', 'Briefpapier en enveloppen'],
    sentences: ['Drukwerk van hoge kwaliteit op duurzaam papier.', 'Ontwerp en drukwerk uit onze eigen drukkerij.'],
  },
  'translation': {
    kind: 'SERVICE', units: ['PER_ITEM', 'PER_HOUR'],
    names: ['Vertaling Nederlands-Engels', 'Teksten in eenvoudige taal', 'Tolkdienst', 'Vertaling folders'],
    sentences: ['Vertaalwerk door vertalers met een vluchtelingenachtergrond.', 'Vertalen en herschrijven in begrijpelijke taal.'],
  },
  'mail-handling': {
    kind: 'SERVICE', units: ['PER_ITEM', 'PER_MONTH'],
    names: ['Postverwerking', 'Mailings verzenden', 'Frankeren en sorteren', 'Postkamer op locatie'],
    sentences: ['Post en mailings sorteren, frankeren en versturen.', 'Verwerking van inkomende en uitgaande post.'],
  },
  'courier': {
    kind: 'SERVICE', units: ['PER_ITEM', 'PER_HOUR', 'PER_MONTH'],
    names: ['Fietskoerier', 'Pakketbezorging', 'Bakfietsbezorging', 'Documentenkoerier'],
    sentences: ['Bezorging per fiets en bakfiets, emissievrij door de stad.', 'Pakketten en documenten snel bezorgd met de fiets.'],
  },
  'removals': {
    kind: 'SERVICE', units: ['FIXED_PRICE', 'PER_HOUR'],
    names: ['Kantoorverhuizing', 'Werkplekken verhuizen', 'Inpakken en uitpakken', 'Archief verhuizen'],
    sentences: ['Verhuizingen van kantoren en werkplekken.', 'Zorgvuldig verhuizen, inpakken en uitpakken.'],
  },
  'packaging-assembly': {
    kind: 'SERVICE', units: ['PER_ITEM', 'PER_HOUR'],
    names: ['Verpakken en ompakken', 'Assemblage van producten', 'Kerstpakketten samenstellen', 'Orderpicking'],
    sentences: ['Verpakken, assembleren en verzendklaar maken van producten.', 'Inpakwerk en assemblage in onze werkplaats.'],
  },
  'bike-repair': {
    kind: 'SERVICE', units: ['PER_ITEM', 'PER_HOUR', 'PER_MONTH'],
    names: ['Fietsreparatie', 'Onderhoud dienstfietsen', 'Bakfiets onderhoud', 'Fietsvloot beheer', 'Lekke band service'],
    sentences: ['Onderhoud en reparatie van fietsen en bakfietsen.', 'Wij houden uw fietsen en dienstfietsen rijklaar.'],
  },
  'painting': {
    kind: 'SERVICE', units: ['PER_SQUARE_METRE', 'PER_HOUR', 'FIXED_PRICE'],
    names: ['Schilderwerk binnen', 'Schilderwerk buiten', 'Kozijnen schilderen', 'Muren sauzen'],
    sentences: ['Schilderwerk binnen en buiten door leerling-schilders met een vakman.', 'Vakkundig schilderwerk aan gebouwen en kozijnen.'],
  },
  'building-maintenance': {
    kind: 'SERVICE', units: ['PER_HOUR', 'FIXED_PRICE', 'PER_MONTH'],
    names: ['Klein onderhoud', 'Klusdienst', 'Storingsdienst gebouwen', 'Onderhoudsronde'],
    sentences: ['Klein onderhoud en reparaties aan gebouwen.', 'Een klusdienst voor onderhoud van gebouwen en installaties.'],
  },
  'furniture-refurbishment': {
    kind: 'MIXED', units: ['PER_ITEM', 'FIXED_PRICE'],
    names: ['Bureaustoelen opknappen', 'Meubels herstofferen', 'Tweedehands kantoormeubilair', 'Tafels op maat van restafval'],
    sentences: ['Revisie en hergebruik van meubels en kantoormeubilair.', 'Meubels krijgen een tweede leven in onze meubelmakerij.'],
  },
  'bicycles': {
    kind: 'PRODUCT', units: ['PER_ITEM'],
    names: ['Gereviseerde fiets', 'Bakfiets', 'Dienstfiets', 'Elektrische fiets (gereviseerd)'],
    sentences: ['Fietsen en bakfietsen, gereviseerd en met garantie.', 'Duurzame fietsen uit onze eigen werkplaats.'],
  },
  'workwear-textiles': {
    kind: 'PRODUCT', units: ['PER_ITEM'],
    names: ['Bedrijfskleding', 'Schorten op maat', 'Tassen van gerecycled textiel', 'Bedrukte T-shirts'],
    sentences: ['Bedrijfskleding en textiel, gemaakt in ons atelier.', 'Textiel bedrukt en geborduurd met uw logo.'],
  },
  'office-supplies': {
    kind: 'PRODUCT', units: ['PER_ITEM'],
    names: ['Kantoorartikelen pakket', 'Notitieboeken', 'Pennen en potloden', 'Archiefdozen'],
    sentences: ['Kantoorartikelen, geleverd op kantoor.', 'Papierwaren en kantoorartikelen uit sociale werkplaatsen.'],
  },
  'promotional-gifts': {
    kind: 'PRODUCT', units: ['PER_ITEM'],
    names: ['Relatiegeschenk', 'Kerstpakket', 'Geschenkdoos streekproducten', 'Promotieartikelen met logo'],
    sentences: ['Relatiegeschenken en kerstpakketten met een sociaal verhaal.', 'Geschenken, ingepakt door onze medewerkers.'],
  },
  'secondment': {
    kind: 'SERVICE', units: ['PER_HOUR', 'PER_MONTH'],
    names: ['Detachering medewerker', 'Detachering productiemedewerker', 'Detachering administratief medewerker', 'Detachering met jobcoaching'],
    sentences: ['Detachering van medewerkers met begeleiding op de werkplek.', 'Wij detacheren gemotiveerde mensen, met jobcoaching erbij.'],
  },
  'training-coaching': {
    kind: 'SERVICE', units: ['PER_HOUR', 'PER_DAY', 'FIXED_PRICE'],
    names: ['Jobcoaching', 'Training leidinggevenden', 'Cursus werknemersvaardigheden', 'Taaltraining op de werkvloer'],
    sentences: ['Training en coaching van medewerkers en leidinggevenden.', 'Jobcoaching zodat nieuwe collega\'s duurzaam aan het werk blijven.'],
  },
  'day-activities': {
    kind: 'SERVICE', units: ['PER_DAY', 'PER_MONTH'],
    names: ['Dagbesteding', 'Arbeidsmatige dagbesteding', 'Dagbesteding in het groen', 'Creatieve dagbesteding'],
    sentences: ['Dagbesteding met zinvol werk in een veilige omgeving.', 'Arbeidsmatige dagbesteding met persoonlijke begeleiding.'],
  },
};

const NAME_SUFFIXES = ['', '', '', ' op maat', ' met jobcoach', ' voor scholen', ' (abonnement)', ' in de regio', ' met leerwerkplek', ' – basis', ' – plus'];
const OFFERING_SECOND = [
  'Uitgevoerd door een vast team met begeleiding op de werkvloer.',
  'Elke opdracht levert werkervaring op voor mensen met een afstand tot de arbeidsmarkt.',
  'Levering en planning in overleg, ook voor kleine opdrachten.',
  'Vraag naar de mogelijkheden voor social return in uw aanbesteding.',
];
const SR_NOTES_COUNTING = [
  'Het factuurbedrag telt mee als inkoop bij een sociale onderneming.',
  'Telt mee voor social return; wij leveren een SROI-verklaring bij de factuur.',
  'De arbeidskosten tellen mee voor social return.',
  'Telt mee voor social return via onze erkenning als sociale onderneming.',
];
const SR_NOTES_NOT_COUNTING = [
  'Telt niet mee voor social return: het gaat om doorgeleverde producten.',
  'Alleen het arbeidsdeel telt mee; de materiaalkosten niet.',
];

const CATEGORY_BY_CODE = new Map(CATEGORIES.map((c) => [c.code, c]));
for (const p of PROFILES) {
  for (const code of p.categories) {
    if (!CATEGORY_BY_CODE.has(code) || !OFFERING_TEMPLATES[code]) throw new Error(`demo profile ${p.key}: unknown category ${code}`);
  }
}
for (const c of CATEGORIES) if (!OFFERING_TEMPLATES[c.code]) throw new Error(`no demo offering template for category ${c.code}`);
const ALL_CATEGORY_CODES = CATEGORIES.map((c) => c.code);

/**
 * Every offering name and description is one of a few thousand strings built once here and
 * shared by the rows that use it (with its sort key), which keeps 700,000 offerings cheap.
 */
interface OfferingTexts {
  /** [base][suffix] -> name and its sort key. */
  names: readonly (readonly { name: string; key: string }[])[];
  /** [lead sentence][second sentence + 1] (index 0: no second sentence). */
  descriptions: readonly (readonly string[])[];
}
const OFFERING_TEXTS: ReadonlyMap<string, OfferingTexts> = new Map(Object.entries(OFFERING_TEMPLATES).map(([code, t]) => [code, {
  names: t.names.map((base) => NAME_SUFFIXES.map((suffix) => {
    const name = `${base}${suffix}`;
    return { name, key: sortKey(name) };
  })),
  descriptions: t.sentences.map((lead) => [lead, ...OFFERING_SECOND.map((second) => `${lead} ${second}`)]),
}]));

// ---------------------------------------------------------------------------------------------
// Recognitions.

type RecognitionKind = 'REGIONAL' | 'PSO' | 'CODE' | 'SENL';
/** Shuffled per enterprise; the first distinct kinds are used (regional and PSO weigh double). */
const RECOGNITION_KIND_POOL: readonly RecognitionKind[] = ['REGIONAL', 'PSO', 'CODE', 'SENL', 'REGIONAL', 'PSO'];
const ZERO_TO_THREE = [0, 1, 2, 3] as const;
/** 0-3 recognitions per enterprise: 25% none, 40% one, 25% two, 10% three. */
const RECOGNITION_COUNT_CUMULATIVE = [25, 65, 90, 100];
const PSO_SCHEMES: readonly RecognitionScheme[] = ['PSO_ASPIRANT', 'PSO_BASIS', 'PSO_TREDE_1', 'PSO_TREDE_2', 'PSO_TREDE_3', 'PSO_30_PLUS'];
const PSO_CUMULATIVE = cumulativeOf([2, 2, 3, 2, 1, 4]);

/** Who recognises social enterprises in the region of a municipality (DOMAIN.md §2.7). */
function regionalIssuers(municipalityCode: string): readonly string[] {
  if (municipalityCode === 'GM0518') return ['Gemeente Den Haag', 'Sociaal Ondernemen Haaglanden'];
  if (municipalityCode === 'GM0599') return ['Gemeente Rotterdam', 'WSP Rijnmond'];
  switch (MUNICIPALITY_BY_CODE.get(municipalityCode)?.labourMarketRegionCode) {
    case 'AM21': return ['Sociaal Ondernemen Haaglanden'];
    case 'AM34': return ['De Binnenbaan'];
    case 'AM22': return ['WSP Rijnmond'];
    default: return ['Werkgeversservicepunt'];
  }
}

const LEGAL_FORM_CUMULATIVE = cumulativeOf(LEGAL_FORMS.map((f) => ({
  BV: 40, NV: 1, STICHTING: 40, COOPERATIE: 6, VERENIGING: 4, VOF: 3, CV: 1, MAATSCHAP: 1, EENMANSZAAK: 4,
} satisfies Record<LegalForm, number>)[f]));

// ---------------------------------------------------------------------------------------------

/**
 * Generates the demo data of one owner. Pure and deterministic: no I/O beyond the PC4 file
 * read at module load, no clock, no global randomness.
 */
export function generateDemoData(owner: OwnerSettings, options: DemoOptions = {}): DemoData {
  const count = options.enterprises ?? owner.demo.enterprises;
  const seed = options.seed ?? owner.demo.seed;
  if (!Number.isInteger(count) || count < 0) throw new Error(`enterprises must be a non-negative integer, got ${count}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const todayDays = parseDate(options.today ?? DEFAULT_DEMO_TODAY);
  const todayUs = todayDays * US_PER_DAY;
  const startUs = daysFromCivil(2019, 1, 1) * US_PER_DAY;

  const rng = new Rng(`social-return-hub:${owner.code}:${seed}`);

  // Municipalities of the owner, weighted by how many PC4 rows each has. Enterprises need a
  // real postcode, so a municipality without rows in the PC4 file gets no demo enterprises.
  const municipalities = owner.municipalities.filter((m) => (PC4_BY_MUNICIPALITY.get(m)?.length ?? 0) > 0);
  if (municipalities.length === 0 && count > 0) {
    throw new Error(`owner ${owner.code}: none of ${owner.municipalities.join(', ')} has postcodes in lib/reference/pc4-centroids.csv`);
  }
  const municipalityCumulative = cumulativeOf(municipalities.map((m) => PC4_BY_MUNICIPALITY.get(m)!.length));
  // How many municipalities a service area adds to the enterprise's own: owners with one
  // municipality reach beyond it less often.
  const extraAreaCumulative = municipalities.length > 1 ? [45, 75, 92, 100] : [75, 92, 98, 100];

  // KvK numbers: 8 digits in 50000000-99999999, unique within the owner (a stride coprime with
  // the 50,000,000 range walks it without repeats).
  const kvkOffset = rng.int(0, 49_999_999);
  const kvkOf = (i: number) => String(50_000_000 + ((kvkOffset + i * 7_919) % 50_000_000));
  if (count > 50_000_000) throw new Error('at most 50,000,000 enterprises per owner');

  // Shared names sit at fixed, spread-out positions.
  const sharedAt = new Map<number, string>();
  const step = Math.max(1, Math.floor(count / SHARED_DEMO_NAMES.length));
  SHARED_DEMO_NAMES.forEach((name, k) => { if (k * step < count) sharedAt.set(k * step + Math.min(step - 1, k), name); });
  const usedNames = new Set<string>(sharedAt.values());
  const nameCounters = new Map<string, number>();

  const enterprises: EnterpriseRow[] = [];
  const recognitions: RecognitionRow[] = [];
  const externalReferences: ExternalReferenceRow[] = [];
  const offerings: OfferingRow[] = [];

  /** A timestamp in [from, to) whose microsecond part never ends in 0 (see formatTimestamp). */
  const timestampBetween = (from: number, to: number) => from + Math.floor(rng.next() * Math.max(1, (to - from) / 10)) * 10 + rng.int(1, 9);
  /** Keeps the last digit: an `updated` at or after `created`. */
  const laterThan = (created: number, to: number) => created + Math.floor(rng.next() * Math.max(0, (to - created) / 10)) * 10;
  const recentCreated: number[] = [];

  for (let i = 0; i < count; i++) {
    const municipalityCode = rng.weighted(municipalities, municipalityCumulative);
    const pc4Row = rng.pick(PC4_BY_MUNICIPALITY.get(municipalityCode)!);
    const shared = sharedAt.get(i);
    const profile = shared ? PROFILE_BY_KEY.get(SHARED_NAME_PROFILE[shared])! : rng.weighted(PROFILES, PROFILE_CUMULATIVE);
    const legalForm = rng.weighted(LEGAL_FORMS, LEGAL_FORM_CUMULATIVE);

    // Name.
    let name: string;
    if (shared) {
      name = shared;
    } else {
      const noun = rng.pick(profile.nouns);
      const t = rng.int(0, 9);
      let base: string;
      if (t <= 1) base = `${rng.pick(ADJECTIVES)} ${noun}`;
      else if (t === 2) base = `${noun} ${rng.pick(AREAS)}`;
      else if (t === 3) base = rng.pickDistinct(PAIR_WORDS, 2).join(' & ');
      else if (t <= 5) base = `${noun} ${rng.pick(DE_NAMES)}`;
      else if (t <= 7) base = `${rng.pick(ACCENT_PREFIXES)} ${noun}`;
      else base = `${noun} ${pc4Row.place}`;
      if (legalForm === 'STICHTING' && rng.chance(0.15)) base = `Stichting ${base}`;
      name = base;
      if (usedNames.has(name)) name = `${base} ${pc4Row.place}`;
      if (usedNames.has(name)) {
        let n = nameCounters.get(base) ?? 1;
        do { n += 1; name = `${base} ${n}`; } while (usedNames.has(name));
        nameCounters.set(base, n);
      }
      usedNames.add(name);
    }

    const id = rng.uuid();
    const establishmentNumber = rng.chance(0.1)
      ? null
      : `${rng.chance(0.8) ? '0000' : String(rng.int(1, 9999)).padStart(4, '0')}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;

    const lead = rng.pick(profile.lead);
    const sentences = rng.int(1, 3);
    let description = lead;
    if (sentences >= 2) description += ` ${rng.pick(SECOND_SENTENCES)}`;
    if (sentences >= 3) description += rng.chance(0.5) ? ` Gevestigd in ${pc4Row.place}.` : ` Actief in ${pc4Row.place} en omgeving.`;

    const themes = new Set<ImpactTheme>([rng.pick(profile.themes)]);
    const themeCount = rng.int(1, 3);
    while (themes.size < themeCount) themes.add(rng.chance(0.6) ? rng.pick(profile.themes) : rng.pick(IMPACT_THEMES));

    // Skewed towards small teams. Only exact IEEE operations (no Math.pow with a fractional
    // exponent), so the numbers are the same on every platform.
    const r = rng.next();
    const staffTotal = 3 + Math.floor(248 * r * r);
    const staffWithDistance = rng.int(Math.ceil(staffTotal * 0.15), Math.floor(staffTotal * 0.9));

    const capabilityCount = rng.int(0, 3);
    const capabilities = new Set<Capability>();
    while (capabilities.size < capabilityCount) capabilities.add(rng.chance(0.7) ? rng.pick(profile.capabilities) : rng.pick(CAPABILITIES));

    // Timestamps; about 3% reuse an earlier enterprise's createdAt exactly (ties for sorting).
    let createdUs: number;
    if (recentCreated.length > 0 && rng.chance(0.03)) createdUs = rng.pick(recentCreated);
    else createdUs = timestampBetween(startUs, todayUs - US_PER_DAY);
    if (recentCreated.length < 64) recentCreated.push(createdUs); else recentCreated[i % 64] = createdUs;
    const updatedUs = rng.chance(0.3) ? createdUs : laterThan(createdUs, todayUs);

    enterprises.push({
      id,
      name,
      nameKey: sortKey(name),
      kvkNumber: kvkOf(i),
      establishmentNumber,
      legalForm,
      municipalityCode,
      postcode4: pc4Row.pc4,
      description,
      website: rng.chance(0.75) ? `https://${slugOf(name)}.example.nl` : null,
      impactThemes: [...themes],
      staffTotal,
      staffWithDistance,
      capabilities: [...capabilities],
      createdAt: formatTimestamp(createdUs),
      updatedAt: formatTimestamp(updatedUs),
    });

    // Recognitions: 0-3 distinct kinds.
    const recognitionCount = rng.weighted(ZERO_TO_THREE, RECOGNITION_COUNT_CUMULATIVE);
    const kinds = rng.pickDistinct(RECOGNITION_KIND_POOL, RECOGNITION_KIND_POOL.length);
    const chosen: RecognitionKind[] = [];
    for (const k of kinds) if (chosen.length < recognitionCount && !chosen.includes(k)) chosen.push(k);
    for (const kind of chosen) {
      let scheme: RecognitionScheme;
      let issuedBy: string;
      let years: number | null; // validity length; null = open-ended
      if (kind === 'REGIONAL') {
        const aspirant = staffWithDistance < staffTotal * 0.3 || rng.chance(0.2);
        scheme = aspirant ? 'REGIONAL_ASPIRANT' : 'REGIONAL_RECOGNISED';
        issuedBy = rng.pick(regionalIssuers(municipalityCode));
        years = aspirant ? 2 : rng.chance(0.45) ? null : rng.pick([1, 2, 3]);
      } else if (kind === 'PSO') {
        scheme = rng.weighted(PSO_SCHEMES, PSO_CUMULATIVE);
        issuedBy = 'PSO-Nederland';
        years = rng.pick([1, 2]);
      } else if (kind === 'CODE') {
        scheme = 'CODE_SOCIALE_ONDERNEMINGEN';
        issuedBy = 'Code Sociale Ondernemingen';
        years = 2;
      } else {
        scheme = 'SOCIAL_ENTERPRISE_NL';
        issuedBy = 'Social Enterprise NL';
        years = rng.chance(0.5) ? null : 1;
      }
      let fromDays: number;
      let untilDays: number | null;
      if (years !== null && rng.chance(0.3)) {
        // Expired before today.
        untilDays = todayDays - rng.int(1, 5 * 365);
        fromDays = addYears(untilDays + 1, -years);
      } else if (rng.chance(0.04)) {
        // Starts in the future.
        fromDays = todayDays + rng.int(1, 120);
        untilDays = years === null ? null : addYears(fromDays, years) - 1;
      } else {
        // Valid today.
        const span = years === null ? 6 * 365 : addYears(todayDays, years) - todayDays - 1;
        fromDays = todayDays - rng.int(0, span);
        untilDays = years === null ? null : addYears(fromDays, years) - 1;
      }
      recognitions.push({
        id: rng.uuid(),
        enterpriseId: id,
        scheme,
        issuedBy,
        validFrom: formatDate(fromDays),
        validUntil: untilDays === null ? null : formatDate(untilDays),
      });
    }

    if (rng.chance(0.4)) {
      externalReferences.push({
        system: 'MAEX',
        externalId: rng.uuid(),
        enterpriseId: id,
        syncedAt: rng.chance(0.2) ? null : formatTimestamp(laterThan(createdUs, todayUs)),
      });
    }

    // Offerings: 2-12, mean 7.
    const offeringCount = 2 + Math.floor(rng.next() * 6) + Math.floor(rng.next() * 6);
    const areaScratch = [municipalityCode];
    let previousUpdated = -1;
    for (let j = 0; j < offeringCount; j++) {
      const categoryCode = rng.chance(0.85) ? rng.pick(profile.categories) : rng.pick(ALL_CATEGORY_CODES);
      const category = CATEGORY_BY_CODE.get(categoryCode)!;
      const template = OFFERING_TEMPLATES[categoryCode];
      const cpv = rng.chance(0.6) ? category.cpv.find((c) => c.primary)! : rng.pick(category.cpv);
      const kind: OfferingKind = template.kind === 'MIXED' ? (rng.chance(0.5) ? 'PRODUCT' : 'SERVICE') : template.kind;
      const texts = OFFERING_TEXTS.get(categoryCode)!;
      const named = rng.pick(rng.pick(texts.names));
      const offeringDescription = rng.pick(rng.pick(texts.descriptions));

      let priceAmount: string | null = null;
      let priceUnit: PriceUnit | null = null;
      if (!rng.chance(0.15)) {
        priceUnit = rng.chance(0.7) ? template.units[0] : rng.pick(template.units);
        const [lo, hi] = UNIT_RANGES[priceUnit];
        // Skewed towards the low end; rounded to whole euros or 50 cents now and then.
        const x = rng.next();
        let cents = lo + Math.floor((hi - lo) * x * x);
        if (rng.chance(0.5)) cents = Math.max(lo, Math.round(cents / 50) * 50);
        priceAmount = `${Math.floor(cents / 100)}.${p2(cents % 100)}`;
      }

      const area = areaScratch;
      area.length = 1;
      const extra = rng.weighted(ZERO_TO_THREE, extraAreaCumulative);
      for (let k = 0; k < extra; k++) {
        const candidate = municipalities.length > 1 && rng.chance(0.8)
          ? rng.pick(municipalities)
          : rng.chance(0.85) ? rng.pick(NEARBY[municipalityCode] ?? PARTNER_CODES) : rng.pick(PARTNER_CODES);
        if (!area.includes(candidate)) area.push(candidate);
      }

      const counts = rng.chance(0.88);
      const socialReturnNote = rng.chance(0.45) ? null : counts ? rng.pick(SR_NOTES_COUNTING) : rng.pick(SR_NOTES_NOT_COUNTING);

      const oCreated = rng.chance(0.2) ? createdUs : laterThan(createdUs, todayUs);
      let oUpdated = rng.chance(0.35) ? oCreated : laterThan(oCreated, todayUs);
      // Now and then a batch update gives several offerings the same updatedAt.
      if (previousUpdated >= oCreated && rng.chance(0.15)) oUpdated = previousUpdated;
      previousUpdated = oUpdated;

      offerings.push({
        id: rng.uuid(),
        enterpriseId: id,
        name: named.name,
        nameKey: named.key,
        description: offeringDescription,
        kind,
        categoryCode,
        cpvCode: cpv.code,
        priceAmount,
        priceUnit,
        serviceArea: area.slice(), // exact-size copy of the scratch array
        countsForSocialReturn: counts,
        socialReturnNote,
        createdAt: formatTimestamp(oCreated),
        updatedAt: formatTimestamp(oUpdated),
      });
    }
  }

  return { enterprises, recognitions, externalReferences, offerings };
}
