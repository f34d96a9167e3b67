import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../lib/db/connect.ts';
import type { Identity } from '../../../lib/identity.ts';
import { contract, organisation, realisation } from '../../../drizzle/region/schema.ts';
import { contractsByIds, type ContractRow, type RealisationRow } from './contracts.ts';
import { audit } from './writes.ts';

/** Social-return writes: one transaction each, audited in it. */

type NewContract = Omit<typeof contract.$inferInsert, 'contractorId'>;
type NewRealisation = typeof realisation.$inferInsert;

/** The contractor is found (or added) by KvK number within this owner; its name is kept current. */
export async function insertContract(db: Db, viewer: Identity, contractor: { kvkNumber: string; name: string }, row: NewContract): Promise<ContractRow> {
  const id = await db.transaction(async (tx) => {
    const [org] = await tx.insert(organisation).values({ id: crypto.randomUUID(), ...contractor })
      .onConflictDoUpdate({ target: organisation.kvkNumber, set: { name: contractor.name } })
      .returning({ id: organisation.id });
    const [created] = await tx.insert(contract).values({ ...row, contractorId: org.id }).returning({ id: contract.id });
    await audit(tx, viewer, 'registerContract', 'Contract', created.id, {
      title: row.title, contractorKvk: contractor.kvkNumber, valueExclVat: row.valueExclVat, obligationAmount: row.obligationAmount,
    });
    return created.id;
  });
  const [created] = await contractsByIds(db, [id]);
  return created;
}

export async function insertRealisation(db: Db, viewer: Identity, row: NewRealisation): Promise<RealisationRow> {
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(realisation).values(row).returning();
    await audit(tx, viewer, 'recordRealisation', 'Realisation', created.id, {
      contractId: row.contractId, route: row.route, creditedAmount: row.creditedAmount, supplierId: row.supplierId ?? undefined,
    });
    return created;
  });
}

/** SUBMITTED → VERIFIED or REJECTED; undefined when the realisation is not SUBMITTED (or absent). */
export async function decideRealisation(
  db: Db, viewer: Identity, id: string, status: 'VERIFIED' | 'REJECTED', reason: string | null,
): Promise<RealisationRow | undefined> {
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(realisation)
      .set({ status, rejectionReason: reason, decidedBy: viewer.subject, decidedAt: sql`now()` })
      .where(and(eq(realisation.id, id), eq(realisation.status, 'SUBMITTED')))
      .returning();
    if (updated) await audit(tx, viewer, 'decideRealisation', 'Realisation', id, { status, reason });
    return updated;
  });
}
