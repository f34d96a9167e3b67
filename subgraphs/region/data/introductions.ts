import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../lib/db/connect.ts';
import type { Identity } from '../../../lib/identity.ts';
import { introduction } from '../../../drizzle/region/schema.ts';
import { audit } from './writes.ts';

/** Introductions (employer asks → advisor contacts → candidate consents → details released). */

export type IntroductionRow = typeof introduction.$inferSelect;
export type IntroductionStatus = 'REQUESTED' | 'CONTACTED' | 'CONSENTED' | 'REFUSED' | 'CONTACT_RELEASED';

export const introductionsByIds = (db: Db, ids: readonly string[]): Promise<IntroductionRow[]> =>
  db.select().from(introduction).where(inArray(introduction.id, [...ids]));

export const introductionsOfCandidates = (db: Db, candidateIds: readonly string[]): Promise<IntroductionRow[]> =>
  db.select().from(introduction).where(inArray(introduction.candidateId, [...candidateIds]))
    .orderBy(asc(introduction.requestedAt), asc(introduction.id));

export async function insertIntroduction(db: Db, viewer: Identity, row: typeof introduction.$inferInsert): Promise<IntroductionRow> {
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(introduction).values(row).returning();
    await audit(tx, viewer, 'requestIntroduction', 'Introduction', created.id, { vacancyId: row.vacancyId, employerKvk: row.employerKvk });
    return created;
  });
}

const STAMP = { CONTACTED: 'contactedAt', CONSENTED: 'decidedAt', REFUSED: 'decidedAt', CONTACT_RELEASED: 'releasedAt' } as const;

/** Moves an introduction from `from` to `to` and stamps the step; undefined when it was not in `from`. */
export async function moveIntroduction(
  db: Db, viewer: Identity, action: string, id: string, from: IntroductionStatus, to: Exclude<IntroductionStatus, 'REQUESTED'>,
): Promise<IntroductionRow | undefined> {
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(introduction)
      .set({ status: to, [STAMP[to]]: sql`now()` })
      .where(and(eq(introduction.id, id), eq(introduction.status, from)))
      .returning();
    if (updated) await audit(tx, viewer, action, 'Introduction', id, { from, to });
    return updated;
  });
}
