import { contract, organisation, realisation } from '../../../drizzle/region/schema.ts';
import { fromCents } from '../../../lib/money.ts';
import { sortKey } from '../../../lib/sort-key.ts';
import type { OwnerSettings } from '../../owners.ts';
import { credit, findBlock, needs, obligationAt, type RuleSnapshot, type ValuationRules } from '../domain/valuation.ts';
import { Rng, type DemoData } from './generate.ts';

/**
 * Demo contracts and realisations of one owner, deterministic: awards from 2015 to the demo's
 * today, some below the threshold, realisations of every route valued with the real rules
 * (the same `credit` as the API), verification in every state, so monitoring shows every
 * obligation status. Purchase suppliers are the owner's own demo enterprises recognised on
 * the invoice date (a seed cannot ask other owners; the API can).
 */
export interface SocialReturnDemo {
  organisations: (typeof organisation.$inferInsert)[];
  contracts: (typeof contract.$inferInsert)[];
  realisations: (typeof realisation.$inferInsert)[];
}

const CONTRACTORS = ['Bouwbedrijf Van der Linden', 'Schoon & Co Facilitair', 'Groen Gras Hoveniers', 'Digitaal Dienstverlening', 'Catering De Linde',
  'Infra Zuid-Holland', 'Facilitair Bedrijf Kade', 'Installatietechniek Duin', 'Verhuisbedrijf Noordzee', 'Drukkerij Het Plein',
  'Beveiliging Haaglanden', 'Wegenbouw Delta'];
const TITLES: [string, string][] = [
  ['Schoonmaak gemeentelijke gebouwen', '90919200-4'], ['Groenonderhoud openbare ruimte', '77310000-6'], ['Renovatie sporthal', '45212200-8'],
  ['Catering stadhuis', '55520000-1'], ['ICT-werkplekbeheer', '72500000-0'], ['Onderhoud riolering', '45232410-9'],
  ['Drukwerk en post', '79800000-2'], ['Verhuisdiensten', '98392000-7'], ['Beveiliging publieke gebouwen', '79710000-4'], ['Herinrichting plein', '45233250-6'],
];
const JOB_GROUPS = ['WW', 'PARTICIPATIEWET', 'NUG', 'BANENAFSPRAAK', 'WIA', 'YOUTH_WITHOUT_STARTKWALIFICATIE'];
const OTHER_ROUTES = ['BBL_LEVEL_1_2', 'BBL_LEVEL_3_PLUS', 'INTERNSHIP_MBO_HBO', 'PURCHASE', 'SOCIAL_ACTIVITY', 'BONUS_55_PLUS'];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => isoDay(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));

export function generateSocialReturnDemo(owner: OwnerSettings, rules: ValuationRules, data: DemoData, today: string, count = 40): SocialReturnDemo {
  const rng = new Rng(`social-return-hub:${owner.code}:contracts:${owner.demo.seed}`);
  const organisations = CONTRACTORS.map((name, i) => ({ id: rng.uuid(), kvkNumber: String(30_000_000 + owner.demo.seed * 100 + i), name: `${name} B.V.` }));
  const contracts: SocialReturnDemo['contracts'] = [];
  const realisations: SocialReturnDemo['realisations'] = [];
  const firstYear = 2015;
  const lastYear = Number(today.slice(0, 4));
  for (let i = 0; i < count; i++) {
    // The last one is just awarded and starts next month (NOT_STARTED).
    const fresh = i === count - 1;
    const awardDate = fresh ? addDays(today, -10) : addDays(`${firstYear + (i % (lastYear - firstYear + 1))}-01-10`, rng.int(0, 330));
    if (awardDate > today) continue;
    const [title, cpvCode] = rng.pick(TITLES);
    // Mostly above the threshold; one in eight below it.
    const valueCents = rng.chance(0.125) && !fresh ? BigInt(rng.int(50_000, 200_000)) * 100n : BigInt(rng.int(230_000, 6_000_000)) * 100n;
    const periodStart = fresh ? addDays(today, 30) : addDays(awardDate, rng.int(20, 90));
    const periodEnd = addDays(periodStart, 365 * rng.int(1, 4) - 1);
    const fixed = obligationAt(rules, valueCents, awardDate);
    if (!fixed.threshold || !fixed.table) continue;
    const id = rng.uuid();
    const org = rng.pick(organisations);
    contracts.push({
      id, buyerMunicipalityCode: rng.pick(owner.municipalities), contractorId: org.id, title: `${title} ${awardDate.slice(0, 4)}`,
      titleKey: sortKey(`${title} ${awardDate.slice(0, 4)}`), tenderReference: `DEMO-${owner.demo.seed}-${1000 + i}`, cpvCode,
      valueExclVat: fromCents(valueCents), periodStart, periodEnd, awardDate, thresholdAmount: fixed.threshold.amount,
      tableVersion: fixed.table.version, obligationPercentage: rules.obligation.percentage, obligationBaseType: rules.obligation.baseType,
      obligationAmount: fixed.amountCents === null ? null : fromCents(fixed.amountCents),
    });
    if (fixed.amountCents === null || periodStart > today) continue;
    const table = fixed.table;
    // Older contracts are further along; some fall behind (AT_RISK / OVERDUE), some are done.
    const n = rng.int(0, 7);
    for (let k = 0; k < n; k++) {
      const route = rng.chance(0.55) ? 'JOB' : rng.pick(OTHER_ROUTES);
      const targetGroup = route === 'JOB' ? rng.pick(JOB_GROUPS) : null;
      const block = findBlock(table, route, targetGroup);
      if (!block) continue;
      const need = needs(block);
      const startDate = addDays(periodStart, rng.int(0, 300));
      if (startDate > today) continue;
      const hoursPerWeek = need.hoursPerWeek ? [16, 20, 24, 32, 36, 38][rng.int(0, 5)] : null;
      const months = need.months ? rng.int(3, 24) : null;
      const hours = need.hours ? rng.int(4, 40) : null;
      const invoiceCents = need.invoice ? BigInt(rng.int(1_000, 60_000)) * 100n : undefined;
      let supplierSnapshot: Record<string, unknown> | null = null;
      let supplierId: string | null = null;
      if (need.supplier) {
        const on = startDate;
        const accepted = data.recognitions.filter((r) => rules.acceptedSupplierSchemes.includes(r.scheme)
          && r.validFrom <= on && (r.validUntil == null || r.validUntil >= on));
        if (!accepted.length) continue;
        const recognition = rng.pick(accepted);
        const supplier = data.enterprises.find((e) => e.id === recognition.enterpriseId)!;
        supplierId = `${owner.code}:SocialEnterprise:${supplier.id}`;
        supplierSnapshot = { id: supplierId, name: supplier.name, kvkNumber: supplier.kvkNumber, scheme: recognition.scheme,
          validFrom: recognition.validFrom, validUntil: recognition.validUntil ?? null, checkedAt: `${on}T09:00:00.000Z` };
      }
      const rule: RuleSnapshot = { tableVersion: table.version, hoursBasis: table.hoursBasis, block: { ...block } };
      const result = credit(rule, {
        hoursHundredths: hoursPerWeek !== null ? BigInt(hoursPerWeek) * 100n : hours !== null ? BigInt(hours) * 100n : undefined,
        months: months ?? undefined, invoiceCents,
      });
      const age = Date.parse(today) - Date.parse(startDate);
      // Recent ones are often still waiting; of older ones most are verified, some rejected, a few forgotten.
      const x = rng.next();
      const status = age > 120 * 86_400_000 ? (x < 0.8 ? 'VERIFIED' : x < 0.9 ? 'REJECTED' : 'SUBMITTED') : x < 0.5 ? 'SUBMITTED' : 'VERIFIED';
      realisations.push({
        id: rng.uuid(), contractId: id, route, targetGroup,
        hoursPerWeek: hoursPerWeek === null ? null : `${hoursPerWeek}.00`, months, hours: hours === null ? null : `${hours}.00`,
        startDate: need.invoice ? null : startDate, endDate: months ? addDays(startDate, months * 30) : null,
        invoiceAmount: invoiceCents === undefined ? null : fromCents(invoiceCents), invoiceDate: need.invoice ? startDate : null,
        supplierId, supplierSnapshot, rule, creditedAmount: fromCents(result.cents), explanation: result.explanation, status,
        rejectionReason: status === 'REJECTED' ? 'Arbeidsovereenkomst ontbreekt in het dossier.' : null,
        decidedBy: status === 'SUBMITTED' ? null : `demo-wsp-${owner.code}`, decidedAt: status === 'SUBMITTED' ? null : `${[addDays(startDate, 30), today].sort()[0]} 10:00:00+00`,
        recordedBy: `demo-contractor-${org.kvkNumber}`, recordedAt: `${[addDays(startDate, 7), today].sort()[0]} 09:00:00+00`,
      });
    }
  }
  return { organisations, contracts, realisations };
}
