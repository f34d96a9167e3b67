import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../lib/db/connect.ts';
import type { Identity } from '../../../lib/identity.ts';
import { timestampKey } from '../../../lib/keyset-cursor.ts';
import { auditLog, candidateProfile, introduction, placement } from '../../../drizzle/region/schema.ts';
import { formatGlobalId } from '../../../lib/global-id.ts';
import { inList } from './filters.ts';
import { keysetAfter, keysetOrder, toPage, type OrderSpec, type Page } from './keyset.ts';
import { audit } from './writes.ts';

/** Pseudonymous candidate profiles: reads, audited writes and erasure. */

export type CandidateRow = typeof candidateProfile.$inferSelect;
export type NewCandidate = typeof candidateProfile.$inferInsert;

export interface CandidateFilter {
  statuses?: string[] | null;
  occupations?: string[] | null;
}

const NEWEST: OrderSpec<CandidateRow> = { column: candidateProfile.createdAt, type: 'timestamp', dir: 'desc', key: (r) => timestampKey(r.createdAt) };

function where(f: CandidateFilter | null | undefined): SQL | undefined {
  return and(
    inList(candidateProfile.status, f?.statuses),
    // Any occupation of interest starting with one of the prefixes.
    f?.occupations?.length
      ? or(...f.occupations.map((p) => sql`exists (select 1 from unnest(${candidateProfile.occupationCodes}) o where o like ${`${p}%`})`))
      : undefined,
  );
}

export async function candidatePage(db: Db, owner: string, args: { filter?: CandidateFilter | null; first: number; after?: string | null }): Promise<Page<CandidateRow>> {
  const rows = await db.select().from(candidateProfile)
    .where(and(where(args.filter), keysetAfter(NEWEST, 'NEWEST', args.after, owner, 'CandidateProfile', candidateProfile.id)))
    .orderBy(...keysetOrder(NEWEST, candidateProfile.id))
    .limit(args.first + 1);
  return toPage(rows, args.first, NEWEST, 'NEWEST', owner, 'CandidateProfile');
}

export async function countCandidates(db: Db, filter?: CandidateFilter | null): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(candidateProfile).where(where(filter));
  return row.n;
}

export const candidatesByIds = (db: Db, ids: readonly string[]): Promise<CandidateRow[]> =>
  db.select().from(candidateProfile).where(inArray(candidateProfile.id, [...ids]));

/** The candidates a vacancy is matched against: every ACTIVE one (scored in domain/match-score.ts). */
export const activeCandidates = (db: Db): Promise<CandidateRow[]> =>
  db.select().from(candidateProfile).where(eq(candidateProfile.status, 'ACTIVE')).orderBy(asc(candidateProfile.id));

export async function insertCandidate(db: Db, viewer: Identity, row: NewCandidate): Promise<CandidateRow> {
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(candidateProfile).values(row).returning();
    await audit(tx, viewer, 'registerCandidate', 'CandidateProfile', created.id, {});
    return created;
  });
}

export async function updateCandidate(db: Db, viewer: Identity, id: string, changes: Partial<NewCandidate>): Promise<CandidateRow | undefined> {
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(candidateProfile).set({ ...changes, updatedAt: sql`now()` }).where(eq(candidateProfile.id, id)).returning();
    // Field names only: the values are the candidate's, and the audit log outlives an erasure's reach otherwise.
    if (updated) await audit(tx, viewer, 'updateCandidate', 'CandidateProfile', id, { fields: Object.keys(changes).sort() });
    return updated;
  });
}

export interface Erasure {
  introductionsErased: number;
  placementsAnonymised: number;
}

/**
 * Erases a candidate (AVG art. 17) in one transaction: placements lose the pseudonym (they
 * stay for the counts), introductions go, audit entries about the candidate or its
 * introductions lose their subject and details, and the erasure itself is logged without
 * the pseudonym. Undefined when there is no such candidate.
 */
export async function eraseCandidate(db: Db, viewer: Identity, owner: string, id: string): Promise<Erasure | undefined> {
  return db.transaction(async (tx) => {
    const [found] = await tx.select({ id: candidateProfile.id }).from(candidateProfile).where(eq(candidateProfile.id, id)).for('update');
    if (!found) return undefined;
    const placed = await tx.update(placement).set({ candidateId: null }).where(eq(placement.candidateId, id)).returning({ id: placement.id });
    const intros = await tx.delete(introduction).where(eq(introduction.candidateId, id)).returning({ id: introduction.id });
    const about = [id, ...intros.map((i) => i.id)];
    const globalId = formatGlobalId(owner, 'CandidateProfile', id);
    await tx.update(auditLog).set({ entityId: null, detail: { erased: true } })
      .where(or(inArray(auditLog.entityId, about), sql`${auditLog.detail}::text like ${`%${id}%`}`, sql`${auditLog.detail}::text like ${`%${globalId}%`}`));
    await tx.delete(candidateProfile).where(eq(candidateProfile.id, id));
    const erasure = { introductionsErased: intros.length, placementsAnonymised: placed.length };
    await tx.insert(auditLog).values({ actor: viewer.subject, role: viewer.roles.join(','), client: viewer.client ?? null, action: 'eraseCandidate', entityType: 'CandidateProfile', entityId: null, detail: erasure });
    return erasure;
  });
}

/** Candidates not changed for `months` (the owner's retention period), to erase. */
export async function candidatesUnchangedFor(db: Db, months: number): Promise<string[]> {
  const rows = await db.select({ id: candidateProfile.id }).from(candidateProfile)
    .where(sql`${candidateProfile.updatedAt} < now() - make_interval(months => ${months}::int)`);
  return rows.map((r) => r.id);
}
