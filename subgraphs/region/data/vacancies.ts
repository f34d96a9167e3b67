import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../lib/db/connect.ts';
import type { Identity } from '../../../lib/identity.ts';
import { timestampKey } from '../../../lib/keyset-cursor.ts';
import { organisation, vacancy } from '../../../drizzle/region/schema.ts';
import { inList, matchesText, overlaps, startsWithAny } from './filters.ts';
import { keysetAfter, keysetOrder, toPage, type OrderSpec, type Page } from './keyset.ts';
import { audit } from './writes.ts';

/** Vacancies: reads and the audited writes. */

/** Every column but the search vector. */
const { search: _search, ...vacancyColumns } = getTableColumns(vacancy);

export type VacancyRow = Omit<typeof vacancy.$inferSelect, 'search'> & { employerKvk: string; employerName: string };

export interface VacancyFilter {
  owner?: string | null;
  query?: string | null;
  occupations?: string[] | null;
  municipalities?: string[] | null;
  targetGroups?: string[] | null;
  statuses?: string[] | null;
}

const NEWEST: OrderSpec<VacancyRow> = { column: vacancy.createdAt, type: 'timestamp', dir: 'desc', key: (r) => timestampKey(r.createdAt) };

const selection = (db: Db) => db.select({ ...vacancyColumns, employerKvk: organisation.kvkNumber, employerName: organisation.name })
  .from(vacancy).innerJoin(organisation, eq(organisation.id, vacancy.employerId));

/** `statuses`: already narrowed to what the viewer may see. */
function where(owner: string, f: VacancyFilter | null | undefined, statuses: string[]): SQL | undefined {
  if (f?.owner != null && f.owner !== owner) return sql`false`;
  return and(
    inArray(vacancy.status, statuses),
    matchesText(vacancy.search, f?.query),
    startsWithAny(vacancy.occupationCode, f?.occupations),
    inList(vacancy.municipalityCode, f?.municipalities),
    overlaps(vacancy.targetGroups, f?.targetGroups),
  );
}

export async function vacancyPage(db: Db, owner: string, statuses: string[], args: { filter?: VacancyFilter | null; first: number; after?: string | null }): Promise<Page<VacancyRow>> {
  const rows = await selection(db)
    .where(and(where(owner, args.filter, statuses), keysetAfter(NEWEST, 'NEWEST', args.after, owner, 'Vacancy', vacancy.id)))
    .orderBy(...keysetOrder(NEWEST, vacancy.id))
    .limit(args.first + 1);
  return toPage(rows, args.first, NEWEST, 'NEWEST', owner, 'Vacancy');
}

export async function countVacancies(db: Db, owner: string, statuses: string[], filter?: VacancyFilter | null): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(vacancy).where(where(owner, filter, statuses));
  return row.n;
}

export const vacanciesByIds = (db: Db, ids: readonly string[]): Promise<VacancyRow[]> => selection(db).where(inArray(vacancy.id, [...ids]));

type NewVacancy = Omit<typeof vacancy.$inferInsert, 'employerId'>;

/** The employer is found (or added) by KvK number within this owner, like a contractor. */
export async function insertVacancy(db: Db, viewer: Identity, employer: { kvkNumber: string; name: string }, row: NewVacancy): Promise<VacancyRow> {
  await db.transaction(async (tx) => {
    const [org] = await tx.insert(organisation).values({ id: crypto.randomUUID(), ...employer })
      .onConflictDoUpdate({ target: organisation.kvkNumber, set: { name: employer.name } })
      .returning({ id: organisation.id });
    await tx.insert(vacancy).values({ ...row, employerId: org.id });
    await audit(tx, viewer, 'registerVacancy', 'Vacancy', row.id!, { title: row.title, employerKvk: employer.kvkNumber, status: row.status });
  });
  const [created] = await vacanciesByIds(db, [row.id!]);
  return created;
}

/** Moves a vacancy from one of `from` to `to`; undefined when it was in another status. */
export async function changeVacancyStatus(db: Db, viewer: Identity, id: string, from: string[], to: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(vacancy)
      .set({ status: to, updatedAt: sql`now()`, ...(to === 'PUBLISHED' ? { publishedAt: sql`now()` } : {}) })
      .where(and(eq(vacancy.id, id), inArray(vacancy.status, from)))
      .returning({ id: vacancy.id });
    if (updated) await audit(tx, viewer, 'setVacancyStatus', 'Vacancy', id, { status: to });
    return Boolean(updated);
  });
}
