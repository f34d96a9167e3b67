import { and, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { offering, recognition, socialEnterprise } from '../../../drizzle/region/schema.ts';
import type { Db } from '../../../lib/db/connect.ts';

/**
 * One owner's marketplace figures, grouped by the dimensions asked; the gateway adds owners
 * up (additive aggregate merge). Two grouped queries, one over enterprises (counts, staff)
 * and one over offerings, so joining offerings never multiplies an enterprise's staff.
 */
export type MarketplaceDimension = 'OWNER' | 'MUNICIPALITY' | 'CATEGORY' | 'RECOGNITION' | 'YEAR';

export interface MarketplaceCell {
  municipality: string | null;
  category: string | null;
  recognition: string | null;
  year: number | null;
  enterprises: number;
  offerings: number;
  offeringsCountingForSocialReturn: number;
  staffTotal: number;
  staffWithDistance: number;
}

export interface MarketplaceFilter {
  years: readonly number[] | null;
  /** Recognitions valid on this date count under RECOGNITION. */
  recognisedOn: string;
}

const registrationYear = sql<number>`extract(year from ${socialEnterprise.createdAt} at time zone 'Europe/Amsterdam')::int`;

export function marketplaceStatistics(db: Db, groupBy: readonly MarketplaceDimension[], filter: MarketplaceFilter): Promise<MarketplaceCell[]> {
  // One snapshot for both queries: an offering written between them can never land in a cell without its enterprise.
  return db.transaction((tx) => figures(tx, groupBy, filter), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

async function figures(db: Db, groupBy: readonly MarketplaceDimension[], filter: MarketplaceFilter): Promise<MarketplaceCell[]> {
  const by = new Set(groupBy);
  const text = (dim: MarketplaceDimension, expr: SQL | unknown) => (by.has(dim) ? sql<string | null>`${expr}` : sql<string | null>`null::text`);
  const year = by.has('YEAR') ? registrationYear : sql<number | null>`null::int`;
  const inYears = filter.years?.length ? inArray(registrationYear, [...filter.years]) : undefined;
  // Each (enterprise, category) and (enterprise, scheme) once, so an enterprise counts once per cell.
  const categories = db.selectDistinct({ enterpriseId: offering.enterpriseId, code: offering.categoryCode }).from(offering).as('enterprise_category');
  const schemes = db.selectDistinct({ enterpriseId: recognition.enterpriseId, scheme: recognition.scheme }).from(recognition)
    .where(and(lte(recognition.validFrom, filter.recognisedOn), or(isNull(recognition.validUntil), gte(recognition.validUntil, filter.recognisedOn))))
    .as('enterprise_scheme');

  let enterprises = db.select({
    municipality: text('MUNICIPALITY', socialEnterprise.municipalityCode),
    category: text('CATEGORY', categories.code),
    recognition: text('RECOGNITION', schemes.scheme),
    year,
    enterprises: sql<number>`count(*)::int`,
    staffTotal: sql<number>`coalesce(sum(${socialEnterprise.staffTotal}), 0)::int`,
    staffWithDistance: sql<number>`coalesce(sum(${socialEnterprise.staffWithDistance}), 0)::int`,
  }).from(socialEnterprise).$dynamic();
  if (by.has('CATEGORY')) enterprises = enterprises.leftJoin(categories, eq(categories.enterpriseId, socialEnterprise.id));
  if (by.has('RECOGNITION')) enterprises = enterprises.leftJoin(schemes, eq(schemes.enterpriseId, socialEnterprise.id));

  let offerings = db.select({
    municipality: text('MUNICIPALITY', socialEnterprise.municipalityCode),
    category: text('CATEGORY', offering.categoryCode),
    recognition: text('RECOGNITION', schemes.scheme),
    year,
    offerings: sql<number>`count(*)::int`,
    counting: sql<number>`(count(*) filter (where ${offering.countsForSocialReturn}))::int`,
  }).from(offering).innerJoin(socialEnterprise, eq(socialEnterprise.id, offering.enterpriseId)).$dynamic();
  if (by.has('RECOGNITION')) offerings = offerings.leftJoin(schemes, eq(schemes.enterpriseId, socialEnterprise.id));

  const groups = sql`1, 2, 3, 4`;
  const [enterpriseRows, offeringRows] = [
    await enterprises.where(inYears).groupBy(groups),
    await offerings.where(inYears).groupBy(groups),
  ];
  const cells = new Map<string, MarketplaceCell>();
  const keyOf = (r: { municipality: string | null; category: string | null; recognition: string | null; year: number | null }) =>
    JSON.stringify([r.municipality, r.category, r.recognition, r.year == null ? null : Number(r.year)]);
  for (const r of enterpriseRows) {
    cells.set(keyOf(r), {
      municipality: r.municipality, category: r.category, recognition: r.recognition, year: r.year == null ? null : Number(r.year),
      enterprises: Number(r.enterprises), offerings: 0, offeringsCountingForSocialReturn: 0,
      staffTotal: Number(r.staffTotal), staffWithDistance: Number(r.staffWithDistance),
    });
  }
  // Every offering's enterprise is in the cell with the same keys (its categories come from its offerings).
  for (const r of offeringRows) {
    const cell = cells.get(keyOf(r));
    if (!cell) throw new Error(`marketplace statistics: offerings in a cell without enterprises ${keyOf(r)}`);
    cell.offerings = Number(r.offerings);
    cell.offeringsCountingForSocialReturn = Number(r.counting);
  }
  return [...cells.values()];
}
