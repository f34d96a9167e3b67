import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../lib/db/connect.ts';
import { auditLog, externalReference, offering, recognition, socialEnterprise } from '../../../drizzle/region/schema.ts';
import type { Identity } from '../../../lib/identity.ts';
import { auditRow } from '../audit.ts';
import { offeringExternalKey, recordEnterpriseChanges, recordOfferingChanges } from './changes.ts';
import { enterpriseColumns, type EnterpriseRow } from './enterprises.ts';
import { offeringColumns, type OfferingRow } from './offerings.ts';

/** Writes of the regional contract: one transaction each, audited in the same transaction. */

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type NewEnterprise = typeof socialEnterprise.$inferInsert;
type NewOffering = typeof offering.$inferInsert;
type NewRecognition = Omit<typeof recognition.$inferInsert, 'enterpriseId' | 'id'>;
type NewExternalReference = Omit<typeof externalReference.$inferInsert, 'enterpriseId'>;

/** The columns a write changed, for the audit log (who set a field is bookkeeping, not a change). */
const changedFields = (changes: object) => Object.keys(changes).filter((k) => k !== 'staffFields');

export async function audit(tx: Tx, viewer: Identity, action: string, entityType: string, entityId: string, detail: unknown): Promise<void> {
  await tx.insert(auditLog).values(auditRow(viewer, action, entityType, entityId, detail));
}

export async function insertEnterprise(
  db: Db, viewer: Identity, row: NewEnterprise, recognitions: NewRecognition[], refs: NewExternalReference[],
): Promise<EnterpriseRow> {
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(socialEnterprise).values(row).returning(enterpriseColumns);
    await replaceRecognitions(tx, created.id, recognitions);
    if (refs.length) await tx.insert(externalReference).values(refs.map((r) => ({ ...r, enterpriseId: created.id })));
    await recordEnterpriseChanges(tx, [{ id: created.id, version: created.version, kind: 'CREATED' }]);
    await audit(tx, viewer, 'registerSocialEnterprise', 'SocialEnterprise', created.id, { name: created.name, kvkNumber: created.kvkNumber });
    return created;
  });
}

async function replaceRecognitions(tx: Tx, enterpriseId: string, list: NewRecognition[]): Promise<void> {
  await tx.delete(recognition).where(eq(recognition.enterpriseId, enterpriseId));
  if (list.length) {
    await tx.insert(recognition).values(list.map((r) => ({ ...r, id: crypto.randomUUID(), enterpriseId })));
  }
}

export async function updateEnterprise(
  db: Db, viewer: Identity, id: string, changes: Partial<NewEnterprise>, recognitions: NewRecognition[] | undefined,
): Promise<EnterpriseRow | undefined> {
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(socialEnterprise).set({ ...changes, version: sql`${socialEnterprise.version} + 1`, updatedAt: sql`now()` })
      .where(eq(socialEnterprise.id, id)).returning(enterpriseColumns);
    if (!updated) return undefined;
    if (recognitions) await replaceRecognitions(tx, id, recognitions);
    await recordEnterpriseChanges(tx, [{ id, version: updated.version, kind: 'UPDATED' }]);
    await audit(tx, viewer, 'updateSocialEnterprise', 'SocialEnterprise', id, { fields: changedFields(changes), recognitions: recognitions?.length });
    return updated;
  });
}

export async function insertOffering(db: Db, viewer: Identity, row: NewOffering): Promise<OfferingRow> {
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(offering).values(row).returning(offeringColumns);
    await recordOfferingChanges(tx, [{ id: created.id, version: created.version, kind: 'CREATED', externalKey: offeringExternalKey(created) }]);
    await audit(tx, viewer, 'registerOffering', 'Offering', created.id, { name: created.name, enterpriseId: created.enterpriseId });
    return created;
  });
}

export async function updateOffering(db: Db, viewer: Identity, id: string, changes: Partial<NewOffering>): Promise<OfferingRow | undefined> {
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(offering).set({ ...changes, version: sql`${offering.version} + 1`, updatedAt: sql`now()` })
      .where(eq(offering.id, id)).returning(offeringColumns);
    if (updated) await recordOfferingChanges(tx, [{ id, version: updated.version, kind: 'UPDATED', externalKey: offeringExternalKey(updated) }]);
    if (updated) await audit(tx, viewer, 'updateOffering', 'Offering', id, { fields: changedFields(changes) });
    return updated;
  });
}

/** Deletes an enterprise and its offerings, leaving a tombstone in the change feed for each. */
export async function deleteEnterprise(db: Db, viewer: Identity, id: string): Promise<{ version: number } | undefined> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ version: socialEnterprise.version }).from(socialEnterprise)
      .where(eq(socialEnterprise.id, id)).for('update');
    if (!current) return undefined;
    const offerings = await tx.select({ id: offering.id, version: offering.version, partnerSystem: offering.partnerSystem, partnerExternalId: offering.partnerExternalId })
      .from(offering).where(eq(offering.enterpriseId, id));
    await recordOfferingChanges(tx, offerings.map((o) => ({ id: o.id, version: o.version + 1, kind: 'DELETED' as const, externalKey: offeringExternalKey(o) })));
    await recordEnterpriseChanges(tx, [{ id, version: current.version + 1, kind: 'DELETED' }]);
    await tx.delete(socialEnterprise).where(eq(socialEnterprise.id, id));
    await audit(tx, viewer, 'deleteSocialEnterprise', 'SocialEnterprise', id, { offerings: offerings.length });
    return { version: current.version + 1 };
  });
}

/** Postgres unique violation, whichever driver raised it (drizzle wraps it in `cause`). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}
