import { and, arrayContains, asc, eq, inArray, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../../lib/db/connect.ts';
import { offering, socialEnterprise } from '../../../drizzle/region/schema.ts';
import { enterpriseColumns, type EnterpriseRow } from './enterprises.ts';
import { offeringColumns, type OfferingRow } from './offerings.ts';
import { recognisedOn, startsWithAny } from './filters.ts';
import { keysetAfter, keysetOrder, toPage, type OrderSpec, type Page } from './keyset.ts';

/** Suppliers for a purchase: this owner's recognised enterprises with fitting offerings, ranked. */
export interface SupplierCriteria {
  cpvPrefixes?: string[] | null;
  categories?: string[] | null;
  municipality?: string | null;
  schemes: string[];
  on: string;
}

export type SuggestionRow = EnterpriseRow & { score: number };

/** An offering fits: it counts for social return, matches a CPV prefix or category, and is delivered there. */
export function offeringFits(c: SupplierCriteria): SQL {
  const what = [startsWithAny(offering.cpvCode, c.cpvPrefixes), c.categories?.length ? inArray(offering.categoryCode, c.categories) : undefined]
    .filter((x): x is SQL => x !== undefined);
  return and(
    eq(offering.countsForSocialReturn, true),
    what.length ? or(...what) : undefined,
    c.municipality ? arrayContains(offering.serviceArea, [c.municipality]) : undefined,
  )!;
}

const score = sql<number>`(100 * m.fitting + (100 * ${socialEnterprise.staffWithDistance}) / ${socialEnterprise.staffTotal})::int`;
const SCORE_ORDER: OrderSpec<SuggestionRow> = { column: score as unknown as AnyColumn, type: 'int', dir: 'desc', key: (r) => String(r.score) };

export async function suggestionPage(db: Db, owner: string, c: SupplierCriteria, first: number, after?: string | null): Promise<Page<SuggestionRow>> {
  const fitting = db.select({ enterpriseId: offering.enterpriseId, fitting: sql<number>`count(*)::int`.as('fitting') })
    .from(offering).where(offeringFits(c)).groupBy(offering.enterpriseId).as('m');
  const rows = await db.select({ ...enterpriseColumns, score }).from(socialEnterprise)
    .innerJoin(fitting, eq(fitting.enterpriseId, socialEnterprise.id))
    .where(and(
      recognisedOn(db, socialEnterprise.id, { schemes: c.schemes, on: c.on }),
      keysetAfter(SCORE_ORDER, 'SCORE_DESC', after, owner, 'SocialEnterprise', socialEnterprise.id),
    ))
    .orderBy(...keysetOrder(SCORE_ORDER, socialEnterprise.id))
    .limit(first + 1);
  return toPage(rows, first, SCORE_ORDER, 'SCORE_DESC', owner, 'SocialEnterprise');
}

export async function countSuggestions(db: Db, c: SupplierCriteria): Promise<number> {
  const fitting = db.selectDistinct({ enterpriseId: offering.enterpriseId }).from(offering).where(offeringFits(c)).as('m');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(socialEnterprise)
    .innerJoin(fitting, eq(fitting.enterpriseId, socialEnterprise.id))
    .where(recognisedOn(db, socialEnterprise.id, { schemes: c.schemes, on: c.on }));
  return row.n;
}

/** The fitting offerings of these enterprises, by name (one statement for a whole page). */
export function fittingOfferings(db: Db, c: SupplierCriteria, enterpriseIds: readonly string[]): Promise<OfferingRow[]> {
  return db.select(offeringColumns).from(offering)
    .where(and(inArray(offering.enterpriseId, [...enterpriseIds]), offeringFits(c)))
    .orderBy(asc(offering.nameKey), asc(offering.id));
}
