import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../lib/db/connect.ts';
import { timestampKey } from '../../../lib/keyset-cursor.ts';
import { externalReference, recognition, socialEnterprise } from '../../../drizzle/region/schema.ts';
import {
  containsAll, fewTextMatches, inList, matchesText, offersCategory, recognisedOn, type RecognitionFilter,
} from './filters.ts';
import { keysetAfter, keysetOrder, toPage, type OrderSpec, type Page } from './keyset.ts';

export type EnterpriseRow = Omit<typeof socialEnterprise.$inferSelect, 'search'>;
export type RecognitionRow = typeof recognition.$inferSelect;
export type ExternalReferenceRow = typeof externalReference.$inferSelect;

export interface EnterpriseFilter {
  owner?: string | null;
  query?: string | null;
  municipalities?: string[] | null;
  categories?: string[] | null;
  capabilities?: string[] | null;
  recognisedUnder?: RecognitionFilter | null;
}

export const ENTERPRISE_ORDERS: Record<string, OrderSpec<EnterpriseRow>> = {
  NAME_ASC: { column: socialEnterprise.nameKey, type: 'text', dir: 'asc', key: (r) => r.nameKey },
  NAME_DESC: { column: socialEnterprise.nameKey, type: 'text', dir: 'desc', key: (r) => r.nameKey },
  STAFF_WITH_DISTANCE_DESC: { column: socialEnterprise.staffWithDistance, type: 'int', dir: 'desc', key: (r) => String(r.staffWithDistance) },
  CREATED_AT_DESC: { column: socialEnterprise.createdAt, type: 'timestamp', dir: 'desc', key: (r) => timestampKey(r.createdAt) },
};

/** Every column but the search vector. */
const { search: _search, ...columns } = getTableColumns(socialEnterprise);
export const enterpriseColumns = columns;

function where(db: Db, owner: string, f: EnterpriseFilter | null | undefined): SQL | undefined {
  if (!f) return undefined;
  if (f.owner != null && f.owner !== owner) return sql`false`;
  return and(
    matchesText(socialEnterprise.search, f.query),
    inList(socialEnterprise.municipalityCode, f.municipalities),
    containsAll(socialEnterprise.capabilities, f.capabilities),
    offersCategory(db, socialEnterprise.id, f.categories),
    f.recognisedUnder ? recognisedOn(db, socialEnterprise.id, f.recognisedUnder) : undefined,
  );
}

export async function enterprisePage(
  db: Db, owner: string,
  args: { filter?: EnterpriseFilter | null; orderBy: string; first: number; after?: string | null },
): Promise<Page<EnterpriseRow>> {
  const spec = ENTERPRISE_ORDERS[args.orderBy];
  const sortMatches = await fewTextMatches(db, socialEnterprise, socialEnterprise.search, args.filter?.query);
  const rows = await db.select(enterpriseColumns).from(socialEnterprise)
    .where(and(where(db, owner, args.filter), keysetAfter(spec, args.orderBy, args.after, owner, 'SocialEnterprise', socialEnterprise.id)))
    .orderBy(...keysetOrder(spec, socialEnterprise.id, sortMatches))
    .limit(args.first + 1);
  return toPage(rows, args.first, spec, args.orderBy, owner, 'SocialEnterprise');
}

export async function countEnterprises(db: Db, owner: string, filter?: EnterpriseFilter | null): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(socialEnterprise).where(where(db, owner, filter));
  return row.n;
}

export async function enterprisesByIds(db: Db, ids: readonly string[]): Promise<EnterpriseRow[]> {
  return db.select(enterpriseColumns).from(socialEnterprise).where(inArray(socialEnterprise.id, [...ids]));
}

export async function recognitionsOf(db: Db, enterpriseIds: readonly string[]): Promise<RecognitionRow[]> {
  return db.select().from(recognition).where(inArray(recognition.enterpriseId, [...enterpriseIds]))
    .orderBy(recognition.validFrom, recognition.scheme, recognition.id);
}

export async function externalReferencesOf(db: Db, enterpriseIds: readonly string[]): Promise<ExternalReferenceRow[]> {
  return db.select().from(externalReference).where(inArray(externalReference.enterpriseId, [...enterpriseIds]))
    .orderBy(externalReference.system, externalReference.externalId);
}

export async function enterpriseByKvk(db: Db, kvkNumber: string, establishmentNumber: string | null): Promise<EnterpriseRow | undefined> {
  const [row] = await db.select(enterpriseColumns).from(socialEnterprise).where(and(
    eq(socialEnterprise.kvkNumber, kvkNumber),
    establishmentNumber === null ? sql`${socialEnterprise.establishmentNumber} is null` : eq(socialEnterprise.establishmentNumber, establishmentNumber),
  ));
  return row;
}
