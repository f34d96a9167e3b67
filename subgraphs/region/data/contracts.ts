import { and, asc, eq, getTableColumns, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../lib/db/connect.ts';
import { contract, organisation, realisation } from '../../../drizzle/region/schema.ts';
import { inList } from './filters.ts';
import { keysetAfter, keysetOrder, toPage, type OrderSpec, type Page } from './keyset.ts';

export type ContractRow = typeof contract.$inferSelect & { contractorKvk: string; contractorName: string };
export type RealisationRow = typeof realisation.$inferSelect;

export interface ContractFilter {
  owner?: string | null;
  contractorKvk?: string | null;
  buyers?: string[] | null;
  hasObligation?: boolean | null;
}

export const CONTRACT_ORDERS: Record<string, OrderSpec<ContractRow>> = {
  AWARDED_DESC: { column: contract.awardDate, type: 'date', dir: 'desc', key: (r) => r.awardDate },
  TITLE_ASC: { column: contract.titleKey, type: 'text', dir: 'asc', key: (r) => r.titleKey },
};

/** A contract row with its contractor's KvK number and name. */
const contractSelection = (db: Db) => db.select({
  ...contractColumns(),
  contractorKvk: organisation.kvkNumber,
  contractorName: organisation.name,
}).from(contract).innerJoin(organisation, eq(organisation.id, contract.contractorId));

const contractColumns = () => getTableColumns(contract);

/** `onlyContractor`: the row rule for a contractor (its own KvK), applied in SQL. */
function where(owner: string, f: ContractFilter | null | undefined, onlyContractor: string | null): SQL | undefined {
  if (f?.owner != null && f.owner !== owner) return sql`false`;
  return and(
    onlyContractor !== null ? eq(organisation.kvkNumber, onlyContractor) : undefined,
    f?.contractorKvk ? eq(organisation.kvkNumber, f.contractorKvk) : undefined,
    inList(contract.buyerMunicipalityCode, f?.buyers),
    f?.hasObligation === true ? isNotNull(contract.obligationAmount) : f?.hasObligation === false ? isNull(contract.obligationAmount) : undefined,
  );
}

export async function contractPage(
  db: Db, owner: string, onlyContractor: string | null,
  args: { filter?: ContractFilter | null; orderBy: string; first: number; after?: string | null },
): Promise<Page<ContractRow>> {
  const spec = CONTRACT_ORDERS[args.orderBy];
  const rows = await contractSelection(db)
    .where(and(where(owner, args.filter, onlyContractor), keysetAfter(spec, args.orderBy, args.after, owner, 'Contract', contract.id)))
    .orderBy(...keysetOrder(spec, contract.id))
    .limit(args.first + 1);
  return toPage(rows, args.first, spec, args.orderBy, owner, 'Contract');
}

export async function countContracts(db: Db, owner: string, onlyContractor: string | null, filter?: ContractFilter | null): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(contract)
    .innerJoin(organisation, eq(organisation.id, contract.contractorId)).where(where(owner, filter, onlyContractor));
  return row.n;
}

export const contractsByIds = (db: Db, ids: readonly string[]): Promise<ContractRow[]> =>
  contractSelection(db).where(inArray(contract.id, [...ids]));

export const realisationsByIds = (db: Db, ids: readonly string[]): Promise<RealisationRow[]> =>
  db.select().from(realisation).where(inArray(realisation.id, [...ids]));

export async function realisationByKey(db: Db, idempotencyKey: string): Promise<RealisationRow | undefined> {
  const [row] = await db.select().from(realisation).where(eq(realisation.idempotencyKey, idempotencyKey));
  return row;
}

export const realisationsOfContracts = (db: Db, contractIds: readonly string[]): Promise<RealisationRow[]> =>
  db.select().from(realisation).where(inArray(realisation.contractId, [...contractIds]))
    .orderBy(asc(realisation.recordedAt), asc(realisation.id));

export async function organisationByKvk(db: Db, kvkNumber: string) {
  const [row] = await db.select().from(organisation).where(eq(organisation.kvkNumber, kvkNumber));
  return row;
}
