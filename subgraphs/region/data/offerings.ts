import { and, asc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../lib/db/connect.ts';
import { timestampKey } from '../../../lib/keyset-cursor.ts';
import { offering } from '../../../drizzle/region/schema.ts';
import { fewTextMatches, inList, matchesText, overlaps, recognisedOn, startsWithAny, type RecognitionFilter } from './filters.ts';
import { keysetAfter, keysetOrder, toPage, type OrderSpec, type Page } from './keyset.ts';

export type OfferingRow = Omit<typeof offering.$inferSelect, 'search'>;

export interface OfferingFilter {
  owner?: string | null;
  query?: string | null;
  categories?: string[] | null;
  cpvPrefixes?: string[] | null;
  municipalities?: string[] | null;
  kind?: string | null;
  countsForSocialReturn?: boolean | null;
  enterpriseRecognisedUnder?: RecognitionFilter | null;
}

export const OFFERING_ORDERS: Record<string, OrderSpec<OfferingRow>> = {
  NAME_ASC: { column: offering.nameKey, type: 'text', dir: 'asc', key: (r) => r.nameKey },
  UPDATED_AT_DESC: { column: offering.updatedAt, type: 'timestamp', dir: 'desc', key: (r) => timestampKey(r.updatedAt) },
};

const { search: _search, ...columns } = getTableColumns(offering);
export const offeringColumns = columns;

function where(db: Db, owner: string, f: OfferingFilter | null | undefined): SQL | undefined {
  if (!f) return undefined;
  if (f.owner != null && f.owner !== owner) return sql`false`;
  return and(
    matchesText(offering.search, f.query),
    inList(offering.categoryCode, f.categories),
    startsWithAny(offering.cpvCode, f.cpvPrefixes),
    overlaps(offering.serviceArea, f.municipalities),
    f.kind ? eq(offering.kind, f.kind) : undefined,
    f.countsForSocialReturn != null ? eq(offering.countsForSocialReturn, f.countsForSocialReturn) : undefined,
    f.enterpriseRecognisedUnder ? recognisedOn(db, offering.enterpriseId, f.enterpriseRecognisedUnder) : undefined,
  );
}

export async function offeringPage(
  db: Db, owner: string,
  args: { filter?: OfferingFilter | null; orderBy: string; first: number; after?: string | null },
): Promise<Page<OfferingRow>> {
  const spec = OFFERING_ORDERS[args.orderBy];
  const sortMatches = await fewTextMatches(db, offering, offering.search, args.filter?.query);
  const rows = await db.select(offeringColumns).from(offering)
    .where(and(where(db, owner, args.filter), keysetAfter(spec, args.orderBy, args.after, owner, 'Offering', offering.id)))
    .orderBy(...keysetOrder(spec, offering.id, sortMatches))
    .limit(args.first + 1);
  return toPage(rows, args.first, spec, args.orderBy, owner, 'Offering');
}

export async function countOfferings(db: Db, owner: string, filter?: OfferingFilter | null): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(offering).where(where(db, owner, filter));
  return row.n;
}

export async function offeringsByIds(db: Db, ids: readonly string[]): Promise<OfferingRow[]> {
  return db.select(offeringColumns).from(offering).where(inArray(offering.id, [...ids]));
}

export async function offeringsOfEnterprises(db: Db, enterpriseIds: readonly string[]): Promise<OfferingRow[]> {
  return db.select(offeringColumns).from(offering).where(inArray(offering.enterpriseId, [...enterpriseIds]))
    .orderBy(asc(offering.nameKey), asc(offering.id));
}

export async function offeringCountOf(db: Db, enterpriseId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(offering).where(eq(offering.enterpriseId, enterpriseId));
  return row.n;
}
